#!/usr/bin/env bash
# The example patient records and seed cohorts through the real CLI. Expected verdicts and counts
# are worked out by hand from the definitions (docs/definitions.md) and the published figures.
set -u
cli="$1"
root="$2/.."
fails=0
passes=0
expect() {  # expect NAME PATTERN -- command...
  local name="$1" pattern="$2"; shift 3
  local out
  out="$("$@" 2>&1)"
  if grep -qE -- "$pattern" <<<"$out"; then
    passes=$((passes + 1))
  else
    echo "FAIL $name: no line matches /$pattern/"; fails=$((fails + 1))
  fi
}
rec="$root/examples/records"

# Italian record: week 12 HBI 3 steroid-free, drop 7, FC 140 / CRP 0.3 mg/dL, BWT 6.2 -> 4.1 mm.
ita=("$cli" endpoints "$rec/italian-upa-patient.json" --definitions study_italian_upa)
expect ita-sf-remission 'steroid_free_clinical_remission \[wk 12\] +achieved' -- "${ita[@]}"
expect ita-response '^   clinical_response \[wk 12\] +achieved +drop 7' -- "${ita[@]}"
expect ita-transmural-response 'transmural_response \[wk 12\] +achieved +reduction 2\.1 mm' -- "${ita[@]}"
expect ita-healing-12 'transmural_healing \[wk 12\] +not_achieved +BWT 4\.1 mm' -- "${ita[@]}"
expect ita-deep-24 'deep_remission \[wk 24\] +achieved' -- "${ita[@]}"
# Missing data: no CRP, no corticosteroid status, no ultrasound at week 12.
miss=("$cli" endpoints "$rec/missing-data-patient.json" --definitions study_italian_upa)
expect missing-steroids 'steroid_free_clinical_remission \[wk 12\] +not_evaluable +missing: steroid_free' -- "${miss[@]}"
expect missing-crp 'biochemical_remission \[wk 12\] +not_evaluable +missing: crp' -- "${miss[@]}"
# SEQUENCE (dates): week 24 CDAI 132 < 150; week 48 SES-CD 11 -> 3, largest item 1.
seq=("$cli" endpoints "$rec/sequence-patient.json" --definitions study_sequence)
expect seq-week24 'clinical_remission_cdai_lt150 \[wk 24\] +achieved' -- "${seq[@]}"
expect seq-endo-remission 'endoscopic_remission \[wk 48\] +achieved' -- "${seq[@]}"
expect seq-endo-response 'endoscopic_response \[wk 48\] +achieved +SES-CD 11 -> 3' -- "${seq[@]}"
# POWER: 312 -> 205 at week 16 is a 107-point decrease.
expect power-response 'clinical_response \[wk 16\] +achieved +decrease 107 of required 100' -- \
  "$cli" endpoints "$rec/power-patient.json" --definitions study_power
# Dutch: week 52 discontinued.
expect dutch-survival 'drug_survival \[wk 52\] +not_achieved +therapy discontinued' -- \
  "$cli" endpoints "$rec/dutch-reinduction-patient.json" --definitions study_dutch_ust_reinduction
expect definitions 'study_russian_dual \(v1\)' -- "$cli" definitions
expect endpoints-json '"verdict": "achieved"' -- "$cli" endpoints "$rec/power-patient.json" --format json

# Seed cohorts: the Italian cohort's week-12 counts and POWER's week-16 ITT responders.
ic=("$cli" cohort "$root/examples/italian-upadacitinib-cohort.csv" --definitions study_italian_upa --week 12)
expect ita-cohort-sf 'observed 33/64 +51\.6%' -- "${ic[@]}"
expect ita-cohort-response 'observed 46/64 +71\.9%' -- "${ic[@]}"
expect ita-cohort-bio 'observed 21/58 +36\.2%' -- "${ic[@]}"
expect ita-cohort-healing 'observed 15/52 +28\.8%' -- "${ic[@]}"
expect ita-cohort-transmural 'observed 38/52 +73\.1%' -- "${ic[@]}"
expect ita-cohort-deep 'ITT +14/64 +21\.9%' -- "${ic[@]}"
pc=("$cli" cohort "$root/examples/power-like-cohort.csv" --definitions study_power --week 16)
expect power-iv 'ITT +53/108 +49\.1%' -- "${pc[@]}"
expect power-sc 'ITT +40/107 +37\.4%' -- "${pc[@]}"
expect power-diff 'IV re-induction - SC q8w \(itt\): unadjusted difference 11\.7 pp \(Newcombe 95% CI -1\.5 to 24\.3\)' -- "${pc[@]}"
expect cohort-csv '^study_power,clinical_response,16\.0,IV re-induction,53,' -- \
  "$cli" cohort "$root/examples/power-like-cohort.csv" --definitions study_power --week 16 --format csv

echo "examples: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
