#!/usr/bin/env python3
"""Writes the synthetic seed cohorts under examples/ (deterministic; run again to rebuild).

1. examples/italian-upadacitinib-cohort.csv: 64 patients built from the structure of the Italian
   upadacitinib difficult-to-treat cohort (clinical-spec §6.4 for the definitions and week-12
   counts; issue 15 for the rest): 14 stop before week 12 (9 for lack of efficacy, 6 of them
   with surgery, 5 for adverse events; the stop recorded at a week-10 visit with laboratory values
   and ultrasound but no HBI), 50 on therapy after week 12. Missing values where Table 1 puts them:
   at baseline faecal calprotectin is missing in 6 patients and CRP in 1 (one of the 6), HBI in 1
   (a patient who stops), bowel-wall thickness in 12. Baseline HBI values are chosen (by a seeded
   search below) so that the 63 values have mean 11.90, SD 3.61 and the bands mild 5, moderate 46,
   severe 12; the 50 week-12 values mean 4.62 and SD 4.90. Each patient's role (remission,
   response, biochemical remission, transmural healing or response) is set per patient; the tool
   then counts the rates and computes the summary figures (docs/cohort.md "Seed reproductions").
   Semicolon separated with decimal commas, as Italian spreadsheets export it, with a UTF-8
   byte-order mark.
2. examples/dutch-ustekinumab-cohort.csv: 31 patients of the Dutch ustekinumab IV re-induction
   cohort's structure (clinical-spec §6.5): 4 stop before week 8, 4 between weeks 8 and 20, 1
   between weeks 20 and 52, none lost to follow-up, so drug survival by Kaplan-Meier is 23/31
   (74.2 %) at week 20 and 22/31 (71.0 %) at week 52; clinical remission (HBI <= 4) in 10 of the
   27 on drug at week 8 (37.0 %), 10 of the 18 on drug with an HBI at week 20 (55.6 %; 5 on drug
   have no HBI then) and 10 of the 22 on drug at week 52 (45.5 %).
3. examples/power-like-cohort.csv: two arms, 108 IV re-induction vs 107 SC, 53 vs 40 week-16
   CDAI responders (decrease >= 100 or CDAI < 150); 5 patients per arm have no week-16 visit
   (discontinued), so intention-to-treat gives 53/108 vs 40/107 (49.1 % vs 37.4 %).

No real patient is described; the numbers are built only to reproduce the published figures.
"""
import pathlib
import random
import statistics

ROOT = pathlib.Path(__file__).resolve().parent.parent


def dec(x):
    return f"{x:.1f}".replace(".", ",")


def search(values, bounds, targets, seed):
    """Moves values by 1 within their bounds (one value, or two in opposite directions, which
    keeps a sum) until every (indices, sum, sd_low, sd_high) target holds: the sum exactly, the
    sample SD in [sd_low, sd_high)."""
    rng = random.Random(seed)

    def sd(v):
        m = sum(v) / len(v)
        return (sum((a - m) ** 2 for a in v) / (len(v) - 1)) ** 0.5

    def cost():
        c = 0.0
        for idx, total, lo, hi in targets:
            v = [values[i] for i in idx]
            d = sd(v)
            c += abs(sum(v) - total) * 10 + (0 if lo <= d < hi else min(abs(d - lo), abs(d - hi)))
        return c

    def fits(i):
        lo, hi = bounds[i](values)
        return lo <= values[i] <= hi

    c = cost()
    for _ in range(200000):
        if c == 0:
            return values
        moves = [(rng.randrange(len(values)), rng.choice((-1, 1)))]
        if rng.random() < 0.7:
            moves.append((rng.randrange(len(values)), -moves[0][1]))
        for i, d in moves:
            values[i] += d
        # every value's bounds may depend on another's: check them all
        if all(fits(i) for i in range(len(values))):
            c2 = cost()
            if c2 <= c:
                c = c2
                continue
        for i, d in moves:
            values[i] -= d
    raise SystemExit("search did not converge")


def italian():
    # O1..O50 stay on therapy after week 12 (indices 0..49), D1..D14 stop before it (50..63).
    on = list(range(50))
    stop = list(range(50, 64))
    O = lambda k: k - 1           # O_k, 1-based as in the docstring's roles
    D = lambda k: 49 + k
    no_hbi = D(3)                 # baseline HBI missing (Table 1: 63 of 64)
    # Baseline HBI bands (Best 2006: mild 5-7, moderate 8-16, severe >= 17): mild O1-O5;
    # severe O39-O50 (12); moderate the other 46.
    band = {}
    for i in range(64):
        if i == no_hbi:
            continue
        band[i] = (5, 7) if i < O(6) else (17, 24) if O(39) <= i <= O(50) else (8, 16)
    # Variables: baseline HBI of 63 patients (x[0..62]) and week-12 HBI of the 50 (x[63..112]).
    base_ids = [i for i in range(64) if i != no_hbi]
    bpos = {p: k for k, p in enumerate(base_ids)}
    w = lambda i: 63 + i          # week-12 variable of patient i (on therapy)
    x = [0] * 113
    bounds = [None] * 113
    for p in base_ids:
        lo, hi = band[p]
        x[bpos[p]] = (lo + hi) // 2
        bounds[bpos[p]] = (lambda lo, hi, p: lambda v: (
            max(lo, v[w(p)] + 4) if p < O(47) else lo,
            min(hi, v[w(p)] + 3) if p >= O(47) else hi))(lo, hi, p) if p in on else (lambda lo, hi: lambda v: (lo, hi))(lo, hi)
    for p in on:
        b = lambda v, p=p: v[bpos[p]]
        if p < O(34):     # steroid-free remission: HBI <= 3 (and a drop > 3)
            bounds[w(p)] = lambda v, b=b: (0, min(3, b(v) - 4))
            x[w(p)] = 1
        elif p < O(47):   # response without remission: HBI >= 4 and a drop > 3
            bounds[w(p)] = lambda v, b=b: (4, b(v) - 4)
            x[w(p)] = 4
        else:             # no response: a drop <= 3
            bounds[w(p)] = lambda v, b=b: (b(v) - 3, b(v) + 2)
            x[w(p)] = x[bpos[p]]
    targets = [(list(range(63)), 750, 3.605, 3.615),          # 11.90 (3.61) over 63
               (list(range(63, 113)), 231, 4.895, 4.905)]     # 4.62 (4.90) over 50
    x = search(x, bounds, targets, seed=15)
    base_hbi = {p: x[bpos[p]] for p in base_ids}
    w12_hbi = {p: x[w(p)] for p in on}
    # Week 24 (on therapy): remission O1-O39, response O1-O48, no response O49-O50.
    w24_hbi = {}
    for p in on:
        if p < O(40):
            w24_hbi[p] = min(p % 4, base_hbi[p] - 4)
        elif p < O(49):
            w24_hbi[p] = max(4, base_hbi[p] - 4 - p % 3)
        else:
            w24_hbi[p] = base_hbi[p] - 1 - p % 2

    fc_missing = {O(47), O(48), O(49), O(50), D(1), D(2)}     # Table 1: FC missing in 6
    crp_missing = {D(1)}                                       # CRP missing in 1
    bwt_missing = set(range(O(42), O(50) + 1)) | {D(12), D(13), D(14)}  # 12 without ultrasound
    bio12 = set(range(O(1), O(18) + 1)) | {O(34), O(35), O(36)} | {O(47)}  # O47 outside (no FC at baseline)
    bio24 = set(range(O(1), O(19) + 1)) | {O(34), O(35), O(36)}
    heal12 = set(range(O(1), O(14) + 1)) | {O(37)}
    resp12 = set(range(O(1), O(33) + 1)) | set(range(O(37), O(41) + 1))
    heal24 = set(range(O(1), O(16) + 1)) | {O(37)}
    resp24 = set(range(O(1), O(36) + 1)) | set(range(O(37), O(41) + 1))
    reasons = ["lack of efficacy - surgery"] * 6 + ["lack of efficacy"] * 3 + ["adverse event"] * 5

    cols = ["patient_id", "arm", "week", "baseline", "label", "hbi_total", "corticosteroids",
            "fecal_calprotectin_ug_g", "crp_value", "crp_unit", "bwt_mm", "discontinued"]
    order = list(range(64))
    random.Random(64).shuffle(order)   # the ids do not give the roles away
    rows = []
    for n, p in enumerate(order, start=1):
        pid = f"ITA-{n:03d}"
        base_bwt = 5.0 + (p % 6) * 0.4  # 5.0-7.0 mm
        fc0 = "" if p in fc_missing else str(420 + 23 * p)
        crp0 = "" if p in crp_missing else dec(1.0 + (p % 9) * 0.3)
        rows.append([pid, "upadacitinib", "0", "yes", "baseline",
                     "" if p == no_hbi else str(base_hbi[p]), "yes" if p % 4 == 0 else "no",
                     fc0, crp0, "mg/dL" if crp0 else "", "" if p in bwt_missing else dec(base_bwt), "no"])

        def labs(bio, k):
            return (str(40 + 5 * (p % 20)), dec(0.1 + (p % 4) * 0.1)) if bio else                    (str(190 + 11 * p + k), dec(0.6 + (p % 5) * 0.2))

        def bwt(heal, resp):
            if heal:
                return dec(2.0 + (p % 4) * 0.2)
            if resp:
                return dec(max(3.0, base_bwt - 2.0 - (p % 3) * 0.1))
            return dec(base_bwt - 0.5 - (p % 3) * 0.3)

        if p in stop:
            k = p - D(1)
            fc, crp = labs(False, 0)
            rows.append([pid, "upadacitinib", "10", "no", "stopped - " + reasons[k], "", "no",
                         fc, crp, "mg/dL", bwt(False, False) if p not in bwt_missing else "", "yes"])
            continue
        week12 = "12" if p % 6 else ("11" if p % 12 else "13")   # inside the 2-week window
        steroids12 = "no" if p < O(34) or p % 2 else "yes"
        fc, crp = labs(p in bio12, 0)
        rows.append([pid, "upadacitinib", week12, "no", "week 12", str(w12_hbi[p]), steroids12,
                     fc, crp, "mg/dL", "" if p in bwt_missing else bwt(p in heal12, p in resp12), "no"])
        week24 = "24" if p % 5 else "25"
        steroids24 = "no" if p < O(40) or p % 2 else "yes"
        fc, crp = labs(p in bio24, 7)
        rows.append([pid, "upadacitinib", week24, "no", "week 24", str(w24_hbi[p]), steroids24,
                     fc, crp, "mg/dL", "" if p in bwt_missing else bwt(p in heal24, p in resp24), "no"])
    text = ";".join(cols) + "\n" + "\n".join(";".join(r) for r in rows) + "\n"
    (ROOT / "examples/italian-upadacitinib-cohort.csv").write_text("\ufeff" + text, encoding="utf-8")


def dutch():
    # Stops (the week of the visit that records them): 4 before week 8, 4 between 8 and 20,
    # 1 between 20 and 52; the other 22 are on drug at week 52 (none lost to follow-up).
    stop_week = {0: 4, 1: 4, 2: 5, 3: 5, 4: 12, 5: 12, 6: 14, 7: 16, 8: 36}
    cols = ["patient_id", "week", "baseline", "hbi_total", "discontinued"]
    rows = []
    # Remission (HBI <= 4) among those on drug: week 8 patients 4-13 (10 of 27); week 20
    # patients 9-18 (10 of 18 with an HBI; 19-23 have none then); week 52 patients 9-13 and
    # 24-28 (10 of 22).
    rem = {8: set(range(4, 14)), 20: set(range(9, 19)), 52: set(range(9, 14)) | set(range(24, 29))}
    no_hbi = {20: set(range(19, 24))}
    for p in range(31):
        pid = f"DUT-{p + 1:02d}"
        base = 7 + p % 8  # 7-14
        rows.append([pid, "0", "yes", str(base), "no"])
        for wk in (8, 20, 52):
            s = stop_week.get(p)
            if s is not None and s <= wk:
                rows.append([pid, str(s), "no", "", "yes"])
                break
            if p in no_hbi.get(wk, ()):
                hbi = ""
            else:
                hbi = str(1 + p % 4) if p in rem[wk] else str(5 + p % 5)
            rows.append([pid, str(wk), "no", hbi, "no"])
    text = ",".join(cols) + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    (ROOT / "examples/dutch-ustekinumab-cohort.csv").write_text(text, encoding="utf-8")


def power():
    cols = ["patient_id", "arm", "week", "cdai_total", "discontinued"]
    rows = []
    for arm, n_total, responders in (("IV re-induction", 108, 53), ("SC q8w", 107, 40)):
        tag = "IV" if arm.startswith("IV") else "SC"
        for i in range(1, n_total + 1):
            pid = f"POW-{tag}-{i:03d}"
            base = 260 + (i * 7) % 180   # 260-439
            rows.append([pid, arm, "0", str(base), "no"])
            rows.append([pid, arm, "8", str(base - 40 - i % 30), "no"])
            if i > n_total - 5:          # no week-16 visit: discontinued at week 10
                rows.append([pid, arm, "10", "", "yes"])
                continue
            if i <= responders:
                # alternate the two arms of the OR: a >= 100 drop, or CDAI < 150
                follow = base - 100 - i % 40 if i % 2 else 120 + i % 29
            else:
                follow = base - 30 - i % 60  # decrease < 100 and CDAI >= 150
                follow = max(follow, 160)
            rows.append([pid, arm, "16", str(follow), "no"])
    text = ",".join(cols) + "\n" + "\n".join(",".join(r) for r in rows) + "\n"
    (ROOT / "examples/power-like-cohort.csv").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    italian()
    dutch()
    power()
