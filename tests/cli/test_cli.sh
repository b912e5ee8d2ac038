#!/usr/bin/env bash
# CLI behaviour: help, exit codes (0 ok, 1 invalid input / failed vectors, 2 usage), malformed
# JSON reported with line and column, and the conformance line format.
set -u
cli="$1"
src="$2"
fails=0
passes=0
check() {  # check NAME EXPECTED_EXIT PATTERN -- command...
  local name="$1" want="$2" pattern="$3"; shift 4
  local out rc
  out="$("$@" 2>&1)"; rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; echo "$out" | head -5; fails=$((fails + 1)); return
  fi
  if ! grep -qE -- "$pattern" <<<"$out"; then
    echo "FAIL $name: output does not match /$pattern/"; echo "$out" | head -5
    fails=$((fails + 1)); return
  fi
  passes=$((passes + 1))
}
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT

check main-help 0 "crohnscore eval INSTRUMENT" -- "$cli" --help
check eval-help 0 "Usage: crohnscore eval" -- "$cli" eval --help
check conformance-help 0 "Usage: crohnscore conformance" -- "$cli" conformance --help
check instruments-help 0 "Usage: crohnscore instruments" -- "$cli" instruments --help
check no-command 2 "missing command" -- "$cli"
check unknown-command 2 "unknown command" -- "$cli" frobnicate
check eval-no-instrument 2 "eval needs INSTRUMENT" -- "$cli" eval
check eval-bad-option 2 "unknown option" -- "$cli" eval hbi --frob
check eval-missing-file 2 "cannot open" -- "$cli" eval hbi /nonexistent/file.json
check endpoints-help 0 "Usage: crohnscore endpoints" -- "$cli" endpoints --help
check definitions-help 0 "Usage: crohnscore definitions" -- "$cli" definitions --help
check cohort-help 0 "Usage: crohnscore cohort" -- "$cli" cohort --help
check endpoints-no-file 2 "endpoints needs a FILE" -- "$cli" endpoints
check endpoints-bad-format 2 "--format is table, json or fhir" -- "$cli" endpoints x.json --format xml
check cohort-bad-week 2 "needs a number of weeks" -- "$cli" cohort x.csv --week soon
# Nobody in either arm reaches HBI < 5: the chi-square test has an empty column and no p-value;
# the table says n/a (never a made-up 1.0) while Fisher's exact p is 1.
printf 'patient_id,arm,week,hbi_total\nA1,a,0,9\nA1,a,8,8\nB1,b,0,9\nB1,b,8,7\n' >"$tmp/no-p.csv"
check cohort-p-not-available 0 "chi-square p n/a, Fisher exact p 1\$" -- \
  "$cli" cohort "$tmp/no-p.csv" --definitions generic --week 8
# Drug survival by Kaplan-Meier and the stratified comparison (docs/cohort.md; the figures of
# tests/browser/cohort.test.mjs): A stops at 10 of 3 at risk (66.7 %), p1 on drug at 26 and 52
# without a visit near 20 is at risk at 20; the Mantel-Haenszel line under the unadjusted one.
cp "$src/../examples/stratified-survival-cohort.csv" "$tmp/km.csv"
check cohort-km-row 0 '^  A +20 +66\.7% +5\.4-94\.5 +2 +1 +1$' -- \
  "$cli" cohort "$tmp/km.csv" --definitions study_dutch_ust_reinduction
check cohort-km-no-event 0 '^  B +20 +100\.0% +n/a +2 +0 +1$' -- \
  "$cli" cohort "$tmp/km.csv" --definitions study_dutch_ust_reinduction
check cohort-mh 0 'Mantel-Haenszel across 2 strata: difference -25\.0 pp \(Sato 95% CI -67\.4 to 17\.4\), CMH chi-square 0\.500 p 0\.4795 \(no continuity correction\)' -- \
  "$cli" cohort "$tmp/km.csv" --definitions study_dutch_ust_reinduction --week 52
# A bad cell is named (row, patient, column) and costs its measure only; the row's FC and CRP
# still count. Week 24 has no visit at all: no estimate ("n/a"), never "0.0 %" with an interval.
printf 'patient_id,week,hbi_total,fecal_calprotectin_ug_g,crp_mg_l\nA,0,10,800,24\nA,12,x,100,3\nB,0,9,700,20\nB,12,2,90,2\n' >"$tmp/cells.csv"
check cohort-cell-named 0 "row 3 \(A\) \[hbi_total\]: hbi_total \"x\" is not a number; HBI not read \(the rest of the row is used\)" -- \
  "$cli" cohort "$tmp/cells.csv" --definitions study_italian_upa --week 12
check cohort-cell-rest-used 0 "ITT      2/2     100.0%" -- \
  "$cli" cohort "$tmp/cells.csv" --definitions study_italian_upa --week 12
check cohort-no-estimate 0 "ITT      0/2     n/a\$" -- \
  "$cli" cohort "$tmp/cells.csv" --definitions study_italian_upa --week 24
check definitions-json 0 '"id": "study_italian_upa"' -- "$cli" definitions --format json
check endpoints-unknown-set 1 '"field": "definition_sets"' -- "$cli" endpoints "$src/../examples/records/power-patient.json" --definitions nope
check version 0 "^crohnscore [0-9]+\.[0-9]+\.[0-9]+" -- "$cli" --version
check instruments 0 "^ses_cd_endpoints$" -- "$cli" instruments

printf '{"general_wellbeing": 1,\n "abdominal_pain": 1,,\n}' >"$tmp/bad.json"
check malformed-json 1 "line 2, column 22" -- "$cli" eval hbi "$tmp/bad.json"

check eval-example 0 '"hbi_total":10' -- "$cli" eval hbi "$src/../examples/hbi-visit.json"
printf '{"general_wellbeing": 9, "abdominal_pain": 1, "liquid_stools_per_day": 1, "abdominal_mass": 0, "complications": []}' >"$tmp/range.json"
check eval-invalid 1 '"error":"out_of_range","field":"general_wellbeing"' -- "$cli" eval hbi "$tmp/range.json"
check eval-stdin 0 '"hbi_total":3' -- bash -c "echo '{\"general_wellbeing\":1,\"abdominal_pain\":1,\"liquid_stools_per_day\":1,\"abdominal_mass\":0,\"complications\":[]}' | '$cli' eval hbi -"
check eval-unknown-instrument 1 '"field":"instrument"' -- bash -c "echo '{}' | '$cli' eval nope"
# Rutgeerts: an unsplit i2 leaves ">= i2b" null (never guessed); no grade without the neoterminal ileum.
check eval-rutgeerts-i2 0 '"recurrence_ge_i2":true,"recurrence_ge_i2b":null' -- bash -c "echo '{\"rutgeerts_grade\":\"i2\"}' | '$cli' eval rutgeerts -"
check eval-rutgeerts-ileum 1 '"error":"out_of_range","field":"neoterminal_ileum_intubated"' -- bash -c "echo '{\"rutgeerts_grade\":\"i1\",\"neoterminal_ileum_intubated\":false}' | '$cli' eval rutgeerts -"
check instruments-rutgeerts 0 "^rutgeerts$" -- "$cli" instruments
# CDEIS: only the ileum explored (n = 1): 12 + 0 + 5 + 2 = 19, severe; no explored segment is refused.
cdeis_ne='{"not_explored":true}'
cdeis_il='{"deep_ulceration":true,"superficial_ulceration":false,"disease_surface_cm":5,"ulcerated_surface_cm":2}'
check eval-cdeis 0 '"cdeis_band":"severe","cdeis_decrease":null,"cdeis_lt3":false' -- bash -c "echo '{\"segments\":{\"ileum\":$cdeis_il,\"right_colon\":$cdeis_ne,\"transverse_colon\":$cdeis_ne,\"left_colon\":$cdeis_ne,\"rectum\":$cdeis_ne},\"ulcerated_stenosis\":false,\"nonulcerated_stenosis\":false}' | '$cli' eval cdeis -"
check eval-cdeis-none 1 '"error":"out_of_range","field":"segments"' -- bash -c "echo '{\"segments\":{\"ileum\":$cdeis_ne,\"right_colon\":$cdeis_ne,\"transverse_colon\":$cdeis_ne,\"left_colon\":$cdeis_ne,\"rectum\":$cdeis_ne},\"ulcerated_stenosis\":false,\"nonulcerated_stenosis\":false}' | '$cli' eval cdeis -"
check instruments-cdeis 0 "^cdeis$" -- "$cli" instruments
# MaRIA: a segment of exactly 7 is active (exact arithmetic); sMaRIA wall 3.0 mm scores 0.
python3 -c 'import json; s={"wall_thickness_mm":2,"rce":50,"edema":False,"ulceration":False}; d={k:dict(s) for k in ["terminal_ileum","ascending_colon","transverse_colon","descending_colon","sigmoid_colon","rectum"]}; d["terminal_ileum"]["wall_thickness_mm"]=4; print(json.dumps({"segments":d}))' >"$tmp/maria.json"
check eval-maria-7 0 '"any_segment_ge11":false,"any_segment_ge7":true' -- "$cli" eval maria "$tmp/maria.json"
check eval-maria-range 1 '"error":"out_of_range","field":"segments"' -- bash -c "sed 's/\"rce\": 50/\"rce\": 2001/' '$tmp/maria.json' | '$cli' eval maria -"
check eval-smaria-3mm 0 '"smaria_global":0' -- bash -c "sed -e 's/\"rce\": 50, //g' -e 's/ulceration/ulcers/g' -e 's/\"edema\"/\"fat_stranding\": false, \"edema\"/g' -e 's/\"wall_thickness_mm\": 4/\"wall_thickness_mm\": 3/' '$tmp/maria.json' | '$cli' eval smaria -"
# PDAI: 5 is > 4 (Losco 2009); IBD-Control: eight "not sure" answers are 8, not 16.
check eval-pdai-5 0 '"active_gt4_losco2009":true' -- bash -c "echo '{\"discharge\":1,\"pain_restriction_of_activities\":1,\"restriction_of_sexual_activity\":1,\"type_of_perianal_disease\":1,\"degree_of_induration\":1}' | '$cli' eval pdai -"
check eval-pdai-type 1 '"error":"invalid_type","field":"discharge"' -- bash -c "echo '{\"discharge\":2.5,\"pain_restriction_of_activities\":1,\"restriction_of_sexual_activity\":1,\"type_of_perianal_disease\":1,\"degree_of_induration\":1}' | '$cli' eval pdai -"
check eval-ibdc-notsure 0 '"ibd_control_8_total":8,' -- bash -c "echo '{\"q1a_well_controlled\":\"not_sure\",\"q1b_treatment_useful\":\"not_sure\",\"q3a_missed_planned_activities\":\"not_sure\",\"q3b_woke_at_night\":\"not_sure\",\"q3c_significant_pain_or_discomfort\":\"not_sure\",\"q3d_lacking_energy\":\"not_sure\",\"q3e_anxious_or_depressed\":\"not_sure\",\"q3f_needed_treatment_change\":\"not_sure\"}' | '$cli' eval ibd_control -"
for name in maria smaria pdai ibd_control; do
  check "instruments-$name" 0 "^$name$" -- "$cli" instruments
done
# PCDAI and wPCDAI from one form: the PCDAI's hematocrit depends on age and sex; adults are refused.
printf '{"abdominal_pain_level":0,"stools_level":0,"wellbeing_level":0,"weight_level":0,"height_level":0,"abdomen_level":0,"perianal_level":0,"eims":[],"hematocrit_pct":34,"esr_mm_h":10,"albumin_g_dl":4.0,"age_years":12,"sex":"male"}' >"$tmp/pcdai.json"
check eval-pcdai 0 '"hematocrit_band":"male11to14","hematocrit_points":2.5' -- "$cli" eval pcdai "$tmp/pcdai.json"
check eval-pcdai-adult 1 '"error":"out_of_range","field":"age_years"' -- bash -c "sed 's/\"age_years\":12/\"age_years\":20/' '$tmp/pcdai.json' | '$cli' eval pcdai -"
check eval-wpcdai 0 '"wpcdai_band":"mild","wpcdai_total":40' -- bash -c "echo '{\"abdominal_pain_level\":2,\"wellbeing_level\":2,\"stools_level\":0,\"weight_level\":0,\"perianal_level\":0,\"eims\":[],\"esr_mm_h\":10,\"albumin_g_dl\":4.0}' | '$cli' eval wpcdai -"
check instruments-pcdai 0 "^pcdai$" -- "$cli" instruments
check instruments-wpcdai 0 "^wpcdai$" -- "$cli" instruments

cat >"$tmp/vec.json" <<'JSON'
[{"id": "OK-1", "instrument": "hbi", "inputs": {"general_wellbeing": 0, "abdominal_pain": 0, "liquid_stools_per_day": 0, "abdominal_mass": 0, "complications": []}, "expected": {"hbi_total": 0}},
 {"id": "BAD-1", "instrument": "hbi", "inputs": {"general_wellbeing": 0, "abdominal_pain": 0, "liquid_stools_per_day": 0, "abdominal_mass": 0, "complications": []}, "expected": {"hbi_total": 1}}]
JSON
check conformance-fails 1 "^1 passed, 1 failed$" -- "$cli" conformance "$tmp/vec.json"
check conformance-line 1 '^\{"id":"OK-1","pass":true,"actual":\{' -- "$cli" conformance "$tmp/vec.json"
check conformance-not-array 1 "not a JSON array" -- bash -c "echo '{}' > '$tmp/o.json'; '$cli' conformance '$tmp/o.json'"

echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
