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

# Seed cohorts (docs/cohort.md "Seed reproductions": every figure of its table is asserted here,
# from the files, so the table cannot drift). Italian: 64 patients, 14 stopped before week 12.
ic=("$cli" cohort "$root/examples/italian-upadacitinib-cohort.csv" --definitions study_italian_upa)
block() {  # block ENDPOINT WEEK: the lines of that endpoint's summary block
  awk -v h="/ $1 at week $2 " 'index($0, h) {on=1; print; next} on && /^$/ {on=0} on' 
}
expect_in() {  # expect_in NAME ENDPOINT WEEK PATTERN -- command...
  local name="$1" ep="$2" wk="$3" pattern="$4"; shift 5
  if "$@" 2>&1 | block "$ep" "$wk" | grep -qE -- "$pattern"; then
    passes=$((passes + 1))
  else
    echo "FAIL $name: no line of $ep at week $wk matches /$pattern/"; fails=$((fails + 1))
  fi
}
expect_in ita-sf-12 steroid_free_clinical_remission 12 'ITT +33/64 +51\.6%' -- "${ic[@]}"
expect_in ita-response-12 clinical_response 12 'ITT +46/64 +71\.9%' -- "${ic[@]}"
expect_in ita-bio-12 biochemical_remission 12 'ITT +21/58 +36\.2%' -- "${ic[@]}"
expect_in ita-healing-12 transmural_healing 12 'ITT +15/52 +28\.8%' -- "${ic[@]}"
expect_in ita-transmural-12 transmural_response 12 'ITT +38/52 +73\.1%' -- "${ic[@]}"
expect_in ita-deep-12 deep_remission 12 'ITT +14/64 +21\.9%' -- "${ic[@]}"
expect_in ita-sf-24 steroid_free_clinical_remission 24 'ITT +39/50 +78\.0%' -- "${ic[@]}"
expect_in ita-sf-24-population steroid_free_clinical_remission 24 'population: on_therapy_at_week:12' -- "${ic[@]}"
expect_in ita-sf-24-outside steroid_free_clinical_remission 24 'not eligible 14 ' -- "${ic[@]}"
expect_in ita-response-24 clinical_response 24 'ITT +48/50 +96\.0%' -- "${ic[@]}"
# Table 1 (the descriptive table): baseline HBI 11.90 (3.61) over 63, bands 5/46/12; FC in 58
# (missing 6), CRP in 63 (missing 1); week-12 HBI 4.62 (4.90) over the 50 on therapy.
expect ita-t1-hbi0 '^    hbi +n 63 +11\.90 \(3\.61\)' -- "${ic[@]}"
expect ita-t1-bands0 'HBI bands: remission 0, mild 5, moderate 46, severe 12' -- "${ic[@]}"
expect ita-t1-fc0 '^    fecal_calprotectin_ug_g +n 58 ' -- "${ic[@]}"
expect ita-t1-crp0 '^    crp_mg_l +n 63 ' -- "${ic[@]}"
expect ita-t1-hbi12 '^    hbi +n 50 +4\.62 \(4\.90\)' -- "${ic[@]}"
# Dutch: 31 patients; drug survival by Kaplan-Meier, remission among the patients on drug.
dc=("$cli" cohort "$root/examples/dutch-ustekinumab-cohort.csv" --definitions study_dutch_ust_reinduction)
expect dutch-km-20 '^  all +20 +74\.2% ' -- "${dc[@]}"
expect dutch-km-52 '^  all +52 +71\.0% ' -- "${dc[@]}"
expect_in dutch-rem-8 clinical_remission_hbi_le4 8 'observed 10/27 +37\.0%' -- "${dc[@]}"
expect_in dutch-rem-20 clinical_remission_hbi_le4 20 'observed 10/18 +55\.6%' -- "${dc[@]}"
expect_in dutch-rem-52 clinical_remission_hbi_le4 52 'observed 10/22 +45\.5%' -- "${dc[@]}"
pc=("$cli" cohort "$root/examples/power-like-cohort.csv" --definitions study_power --week 16)
expect power-iv 'ITT +53/108 +49\.1%' -- "${pc[@]}"
expect power-sc 'ITT +40/107 +37\.4%' -- "${pc[@]}"
expect power-diff 'IV re-induction - SC q8w \(itt\): unadjusted difference 11\.7 pp \(Newcombe 95% CI -1\.5 to 24\.3\)' -- "${pc[@]}"
expect cohort-csv '^study_power,clinical_response,16\.0,IV re-induction,53,' -- \
  "$cli" cohort "$root/examples/power-like-cohort.csv" --definitions study_power --week 16 --format csv

echo "examples: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
