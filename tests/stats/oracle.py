#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Oracle test of the cohort mode's statistics against statsmodels (Debian python3-statsmodels).

Generates cohorts with fixed seeds, runs `crohnscore cohort ... --format json` on them and checks
every figure within 1e-6:
- Kaplan-Meier drug survival (the `survival` rows and the `survival_curves` steps): estimate,
  Greenwood standard error, number at risk and events against statsmodels' SurvfuncRight
  (surv_prob, surv_prob_se, n_risk, n_events). statsmodels 0.13.5 has no pointwise interval for
  S(t): the 95 % interval is checked against the log-log (cloglog) g-transformation, the default
  of SurvfuncRight.quantile_ci, computed here from statsmodels' S and SE.
  The times and statuses are known by construction (how each patient's visits were written).
- Mantel-Haenszel risk difference with Sato's variance: statsmodels has no stratified risk
  difference, so it is computed here by hand (numpy) from the stratum tables.
- Cochran-Mantel-Haenszel test: statsmodels' StratifiedTable(...).test_null_odds() with its
  default correction=False.

Usage: oracle.py CROHNSCORE. Exit 0 on agreement, 1 on a mismatch, 77 (CTest's skip code) when
statsmodels is not installed (scripts/packages.txt lists python3-statsmodels). Use the system
interpreter (/usr/bin/python3), where Debian's statsmodels is.
"""

import json
import math
import random
import subprocess
import sys
import tempfile

try:
    import numpy as np
    from scipy.stats import norm
    from statsmodels.duration.survfunc import SurvfuncRight
    from statsmodels.stats.contingency_tables import StratifiedTable
except ImportError as e:  # pragma: no cover
    print(f"SKIP: statsmodels not available ({e}); apt-get install python3-statsmodels")
    sys.exit(77)

TOL = 1e-6
Z = norm.ppf(0.975)
SET = "study_dutch_ust_reinduction"
failures = []
checks = 0


def close(what, ours, theirs):
    global checks
    checks += 1
    if ours is None or theirs is None or (isinstance(theirs, float) and math.isnan(theirs)):
        ok = (ours is None) and (theirs is None or (isinstance(theirs, float) and math.isnan(theirs)))
    else:
        ok = abs(ours - theirs) <= TOL
    if not ok:
        failures.append(f"{what}: crohnscore {ours!r}, oracle {theirs!r}")


def equal(what, ours, theirs):
    global checks
    checks += 1
    if ours != theirs:
        failures.append(f"{what}: crohnscore {ours!r}, oracle {theirs!r}")


def run(cli, csv_text, weeks):
    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write(csv_text)
        path = f.name
    cmd = [cli, "cohort", path, "--definitions", SET, "--format", "json", "--no-patients"]
    for w in weeks:
        cmd += ["--week", str(w)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def loglog(s, se):
    if not (0 < s < 1) or se is None or not math.isfinite(se):
        return None
    u = se / (s * abs(math.log(s)))
    return (s ** math.exp(Z * u), s ** math.exp(-Z * u))


# ---------------------------------------------------------------- Kaplan-Meier drug survival

def survival_cohort(seed, n):
    """A cohort CSV and, per patient, (arm, time, event) as written."""
    rng = random.Random(seed)
    rows = ["patient_id,arm,week,baseline,hbi_total,discontinued"]
    truth = []
    for i in range(n):
        pid = f"S{seed}-{i}"
        arm = "A" if i % 2 == 0 else "B"
        hazard_scale = 40 if arm == "A" else 25
        t_event = max(1, int(rng.expovariate(1 / hazard_scale)) + 1)
        t_censor = rng.randint(1, 60)
        rows.append(f"{pid},{arm},0,yes,9,{rng.choice(['no', ''])}")
        if rng.random() < 0.06:
            # No follow-up visit records the status: censored at the baseline.
            for w in sorted(rng.sample(range(1, 60), 2)):
                rows.append(f"{pid},{arm},{w},,5,")
            truth.append((arm, 0.0, False))
            continue
        event = t_event <= t_censor  # a stop seen at the visit of the censoring time is an event
        time = t_event if event else t_censor
        # Earlier visits on therapy, some without the flag (implied on therapy).
        for w in sorted(rng.sample(range(1, time), min(time - 1, rng.randint(0, 3)))) if time > 1 else []:
            rows.append(f"{pid},{arm},{w},,5,{rng.choice(['no', 'no', ''])}")
        rows.append(f"{pid},{arm},{time},,5,{'yes' if event else 'no'}")
        # Later visits: still stopped after an event; no status after a censoring.
        for w in range(time + 1, min(time + 1 + rng.randint(0, 2), 70)):
            rows.append(f"{pid},{arm},{w},,5,{'yes' if event else ''}")
        truth.append((arm, float(time), event))
    return "\n".join(rows) + "\n", truth


def check_survival(cli, seed, n, weeks):
    csv_text, truth = survival_cohort(seed, n)
    a = run(cli, csv_text, weeks)
    groups = {"A": [t for t in truth if t[0] == "A"], "B": [t for t in truth if t[0] == "B"], "all": truth}
    rows = [r for r in a["survival"] if r["set"] == SET and r["endpoint"] == "drug_survival"]
    curves = {c["arm"]: c for c in a["survival_curves"] if c["endpoint"] == "drug_survival"}
    equal(f"seed {seed}: survival rows", len(rows), 3 * len(weeks))
    for arm, members in groups.items():
        time = np.array([m[1] for m in members])
        status = np.array([1 if m[2] else 0 for m in members])
        sf = SurvfuncRight(time, status)
        tag = f"seed {seed} arm {arm}"
        # Every event time of statsmodels is a step of the curve with the same figures.
        steps = {s["week"]: s for s in curves[arm]["steps"]}
        equal(f"{tag}: patients", curves[arm]["patients"], len(members))
        for t, s, se, nr, ne in zip(sf.surv_times, sf.surv_prob, sf.surv_prob_se, sf.n_risk, sf.n_events):
            step = steps.get(float(t))
            if step is None:
                failures.append(f"{tag}: no step at event time {t}")
                continue
            close(f"{tag} t={t}: estimate", step["estimate"], float(s))
            close(f"{tag} t={t}: Greenwood SE", step["std_error"], float(se))
            equal(f"{tag} t={t}: at risk", step["at_risk"], int(nr))
            equal(f"{tag} t={t}: events", step["events"], int(ne))
            ci = loglog(float(s), float(se))
            if ci is None:
                equal(f"{tag} t={t}: ci95", step["ci95"], None)
            else:
                close(f"{tag} t={t}: ci95 low", step["ci95"][0], ci[0])
                close(f"{tag} t={t}: ci95 high", step["ci95"][1], ci[1])
        # The rows at the reported weeks: the curve read at the week.
        for w in weeks:
            row = next(r for r in rows if r["arm"] == arm and r["week"] == w)
            before = [k for k, t in enumerate(sf.surv_times) if t <= w]
            s = float(sf.surv_prob[before[-1]]) if before else 1.0
            se = float(sf.surv_prob_se[before[-1]]) if before else 0.0
            at_risk = int(np.sum(time >= w))
            equal(f"{tag} week {w}: at risk", row["at_risk"], at_risk)
            equal(f"{tag} week {w}: events", row["events"], int(np.sum((time <= w) & (status == 1))))
            equal(f"{tag} week {w}: censored", row["censored"], int(np.sum((time <= w) & (status == 0))))
            if at_risk == 0 and s > 0:
                equal(f"{tag} week {w}: estimate beyond follow-up", row["estimate"], None)
                continue
            close(f"{tag} week {w}: estimate", row["estimate"], s)
            close(f"{tag} week {w}: SE", row["std_error"], None if math.isnan(se) else se)
            ci = loglog(s, se)
            if ci is None:
                equal(f"{tag} week {w}: ci95", row["ci95"], None)
            else:
                close(f"{tag} week {w}: ci95 low", row["ci95"][0], ci[0])
                close(f"{tag} week {w}: ci95 high", row["ci95"][1], ci[1])


# ---------------------------------------------------------------- stratified comparison

def stratified_cohort(seed, strata, per_stratum):
    """Week-8 HBI remission (<= 4) by arm and stratum; some patients without a week-8 visit."""
    rng = random.Random(seed)
    rows = ["patient_id,arm,stratum,week,baseline,hbi_total"]
    # tables[stratum][denominator] = [[a, n1 - a], [c, n2 - c]]
    itt = {}
    observed = {}
    for k in range(strata):
        stratum = f"st{k}"
        base = rng.uniform(0.15, 0.7)
        effect = rng.uniform(-0.1, 0.3)
        n = rng.randint(per_stratum // 2, per_stratum)
        itt[stratum] = [[0, 0], [0, 0]]
        observed[stratum] = [[0, 0], [0, 0]]
        for i in range(n):
            pid = f"M{seed}-{k}-{i}"
            arm_index = 0 if (i == 0 or rng.random() < 0.5) else 1
            if i == 1:
                arm_index = 1  # both arms in every stratum
            arm = "A" if arm_index == 0 else "B"
            rows.append(f"{pid},{arm},{stratum},0,yes,9")
            p = base + (effect if arm_index == 0 else 0)
            if rng.random() < 0.1:  # no week-8 visit: ITT failure, not an observed case
                itt[stratum][arm_index][1] += 1
                continue
            achieved = rng.random() < p
            hbi = rng.randint(0, 4) if achieved else rng.randint(5, 12)
            rows.append(f"{pid},{arm},{stratum},8,,{hbi}")
            col = 0 if achieved else 1
            itt[stratum][arm_index][col] += 1
            observed[stratum][arm_index][col] += 1
    # Arm A must appear first in the file (the tool compares first arm minus second).
    header, first = rows[0], rows[1]
    assert ",A," in first
    return "\n".join(rows) + "\n", itt, observed, header


def sato(tables):
    num = w = P = Q = 0.0
    for t in tables:
        a, b = t[0]
        c, d = t[1]
        n, m = a + b, c + d
        if n == 0 or m == 0:
            continue
        N = n + m
        num += (a * m - c * n) / N
        w += n * m / N
        P += (n * n * c - m * m * a + n * m * (m - n) / 2) / N ** 2
        Q += (a * (m - c) + c * (n - a)) / (2 * N)
    rd = num / w
    var = (rd * P + Q) / w ** 2
    return rd, var


def check_stratified(cli, seed, strata, per_stratum):
    csv_text, itt, observed, _ = stratified_cohort(seed, strata, per_stratum)
    a = run(cli, csv_text, [8])
    comparison = next(c for c in a["comparisons"] if c["endpoint"] == "clinical_remission_hbi_le4")
    equal(f"seed {seed}: arms", comparison["arms"], ["A", "B"])
    for name, tables in (("itt", itt), ("observed", observed)):
        tag = f"seed {seed} {name}"
        cmp = comparison[name]
        equal(f"{tag}: difference_kind", cmp["difference_kind"], "unadjusted")
        mh = cmp["mantel_haenszel"]
        equal(f"{tag}: strata", mh["strata"], strata)
        tabs = [tables[s] for s in sorted(tables)]
        rd, var = sato(tabs)
        close(f"{tag}: MH risk difference", mh["risk_difference"], rd)
        close(f"{tag}: Sato variance", mh["sato_variance"], var)
        close(f"{tag}: Sato 95 low", mh["sato_95"][0], rd - Z * math.sqrt(var))
        close(f"{tag}: Sato 95 high", mh["sato_95"][1], rd + Z * math.sqrt(var))
        st = StratifiedTable(np.array(tabs, dtype=float).transpose(1, 2, 0))
        test = st.test_null_odds()  # default correction=False
        close(f"{tag}: CMH chi-square", mh["cmh_chi_square"], float(test.statistic))
        close(f"{tag}: CMH p", mh["cmh_p"], float(test.pvalue))
        equal(f"{tag}: CMH continuity correction", mh["cmh_continuity_correction"], False)
        # The unadjusted difference, from the pooled table.
        a1 = sum(t[0][0] for t in tabs)
        n1 = sum(t[0][0] + t[0][1] for t in tabs)
        a2 = sum(t[1][0] for t in tabs)
        n2 = sum(t[1][0] + t[1][1] for t in tabs)
        close(f"{tag}: unadjusted difference", cmp["difference"], a1 / n1 - a2 / n2)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    cli = sys.argv[1]
    check_survival(cli, 11, 60, [8, 20, 52])
    check_survival(cli, 12, 200, [1, 10, 30, 61, 75])
    check_survival(cli, 13, 25, [5, 26, 52])
    check_stratified(cli, 21, 2, 40)
    check_stratified(cli, 22, 4, 60)
    check_stratified(cli, 23, 5, 14)
    if checks < 500:
        failures.append(f"only {checks} checks ran")
    for f in failures:
        print("FAIL", f)
    print(f"{checks} checks, {len(failures)} failures (tolerance {TOL})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
