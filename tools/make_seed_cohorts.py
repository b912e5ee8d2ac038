#!/usr/bin/env python3
"""Writes the two synthetic seed cohorts under examples/ (deterministic; run again to rebuild).

1. examples/italian-upadacitinib-cohort.csv: 64 patients consistent with the Italian upadacitinib
   difficult-to-treat cohort's week-12 figures (clinical-spec §6.4): 33/64 steroid-free clinical
   remission (HBI <= 3), 46/64 response (HBI drop > 3), 21/58 biochemical remission (6 patients
   without biomarkers), 15/52 transmural healing and 38/52 transmural response (12 without
   ultrasound), 14/64 deep remission. Semicolon separated with decimal commas, as Italian
   spreadsheets export it, with a UTF-8 byte-order mark.
2. examples/power-like-cohort.csv: two arms, 108 IV re-induction vs 107 SC, 53 vs 40 week-16
   CDAI responders (decrease >= 100 or CDAI < 150); 5 patients per arm have no week-16 visit
   (discontinued), so intention-to-treat gives 53/108 vs 40/107 (49.1 % vs 37.4 %).

No real patient is described; the numbers are built only to reproduce the published counts.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def dec(x):
    return f"{x:.1f}".replace(".", ",")


def italian():
    cols = ["patient_id", "arm", "week", "baseline", "hbi_total", "corticosteroids",
            "fecal_calprotectin_ug_g", "crp_value", "crp_unit", "bwt_mm"]
    rows = []
    for i in range(1, 65):
        pid = f"ITA-{i:03d}"
        base_hbi = 10 + (i % 4)            # 10-13
        base_bwt = 5.6 + (i % 5) * 0.3     # 5.6-6.8 mm
        rows.append([pid, "upadacitinib", "0", "yes", str(base_hbi), "yes" if i % 3 == 0 else "no",
                     str(600 + 10 * i), dec(2.0 + (i % 7) * 0.3), "mg/dL", dec(base_bwt)])
        # Week 12 (some visits at week 11 or 13, inside the 2-week window).
        week = "12" if i % 6 else ("11" if i % 12 else "13")
        if i <= 33:                      # steroid-free remission, HBI <= 3
            hbi, steroids = 1 + i % 3, "no"
        elif i <= 46:                    # response without remission: drop > 3, HBI 4-6
            hbi, steroids = 4 + i % 3, "no"
        else:                            # no response: HBI 8-10 (drop <= 3 from 10-13)
            hbi, steroids = base_hbi - (i % 3), "yes" if i % 2 else "no"
        if i <= 58:
            if i <= 21:                  # biochemical remission: FC < 150 and CRP < 0.5 mg/dL
                fc, crp = 60 + 4 * i, dec(0.1 + (i % 4) * 0.1)
            else:
                fc, crp = 180 + 7 * i, dec(0.6 + (i % 5) * 0.2)
        else:
            fc, crp = "", ""
        if i <= 52:
            if i <= 14 or i == 34:       # transmural healing: BWT < 3 mm (reduction > 2 mm)
                bwt = dec(2.2 + (i % 4) * 0.2)
            elif 15 <= i <= 33 or 35 <= i <= 38:  # response: reduction >= 2 mm, BWT >= 3 mm
                bwt = dec(max(3.0, base_bwt - 2.0 - (i % 3) * 0.1))
            else:                        # reduction < 2 mm
                bwt = dec(base_bwt - 1.0 - (i % 4) * 0.2)
        else:
            bwt = ""
        rows.append([pid, "upadacitinib", week, "no", str(hbi), steroids, str(fc), crp,
                     "mg/dL" if crp else "", bwt])
    text = ";".join(cols) + "\n" + "\n".join(";".join(r) for r in rows) + "\n"
    (ROOT / "examples/italian-upadacitinib-cohort.csv").write_text("\ufeff" + text, encoding="utf-8")


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
    power()
