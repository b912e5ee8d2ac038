// SPDX-License-Identifier: MIT
// The endpoint rule library (clinical-spec §1.3, §2.5, §3.4, §4, §5, §6): every rule at its
// threshold, just below and just above; three-valued "not evaluable" verdicts that name the
// missing inputs; Kleene AND/OR composition (crohn/verdict.hpp).
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/common.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/verdict.hpp"

using crohn::endpoints::evaluate_rule;
using crohn::endpoints::Measures;
using crohn::verdict::Tri;

namespace {

using Missing = std::vector<std::string>;

/// 'Y' achieved, 'N' not achieved, 'U' not evaluable.
char state(const Tri& t) { return t.yes() ? 'Y' : t.no() ? 'N' : 'U'; }

template <class T>
std::string show(const std::optional<T>& v) {
  if (!v) return "missing";
  if constexpr (std::is_same_v<T, bool>) return *v ? "true" : "false";
  else return std::to_string(*v);
}

std::string missing_of(const Tri& t) {
  std::string out;
  for (const std::string& m : t.missing()) out += (out.empty() ? "" : ",") + m;
  return out;
}

/// Checks a verdict; for 'U' also the exact set of missing inputs it names.
void expect(const Tri& t, char want, const Missing& missing = {}) {
  INFO("verdict " << state(t) << " missing [" << missing_of(t) << "] detail: " << t.detail());
  CHECK(state(t) == want);
  if (want == 'U') {
    const std::set<std::string> got(t.missing().begin(), t.missing().end());
    const std::set<std::string> exp(missing.begin(), missing.end());
    CHECK(got == exp);
  } else {
    CHECK(t.missing().empty());
  }
}

using OI = std::optional<int>;
using OL = std::optional<long long>;
using OD = std::optional<double>;
using OB = std::optional<bool>;
constexpr auto kNone = std::nullopt;

}  // namespace

// ---------------------------------------------------------------------------------------------
// HBI (§1.3, A1, A2)

TEST_CASE("endpoints: HBI response drop >= 3 / > 3 / >= 3 from baseline >= 5", "[endpoints][hbi]") {
  auto [b, f, ge3, gt3, ge3_active] = GENERATE(table<OI, OI, char, char, char>({
      {10, 8, 'N', 'N', 'N'},  // drop 2
      {10, 7, 'Y', 'N', 'Y'},  // drop 3: HBIE-01
      {10, 6, 'Y', 'Y', 'Y'},  // drop 4
      {5, 2, 'Y', 'N', 'Y'},   // baseline exactly 5 is active
      {5, 3, 'N', 'N', 'N'},
      {4, 0, 'Y', 'Y', 'U'},   // baseline 4 < 5: SWIBREG does not evaluate response
      {3, 5, 'N', 'N', 'U'},   // a rise
  }));
  INFO("baseline " << show(b) << " follow-up " << show(f));
  Measures m;
  m.baseline.hbi = b;
  m.followup.hbi = f;
  expect(evaluate_rule("hbi_response_drop_ge3", m), ge3);
  expect(evaluate_rule("hbi_response_drop_gt3", m), gt3);
  expect(evaluate_rule("hbi_response_drop_ge3_baseline_ge5", m), ge3_active, {"hbi_baseline>=5"});
}

TEST_CASE("endpoints: HBI response needs both visits", "[endpoints][hbi][missing]") {
  Measures m;
  m.followup.hbi = 2;
  expect(evaluate_rule("hbi_response_drop_ge3", m), 'U', {"hbi_baseline"});
  expect(evaluate_rule("hbi_response_drop_gt3", m), 'U', {"hbi_baseline"});
  expect(evaluate_rule("hbi_response_drop_ge3_baseline_ge5", m), 'U', {"hbi_baseline"});
  Measures only_b;
  only_b.baseline.hbi = 9;
  expect(evaluate_rule("hbi_response_drop_ge3", only_b), 'U', {"hbi_followup"});
  expect(evaluate_rule("hbi_response_drop_ge3", Measures{}), 'U', {"hbi_baseline", "hbi_followup"});
}

TEST_CASE("endpoints: HBI remission < 5, <= 4, <= 3", "[endpoints][hbi]") {
  auto [f, lt5, le4, le3] = GENERATE(table<int, char, char, char>({
      {0, 'Y', 'Y', 'Y'}, {2, 'Y', 'Y', 'Y'}, {3, 'Y', 'Y', 'Y'},
      {4, 'Y', 'Y', 'N'}, {5, 'N', 'N', 'N'}, {6, 'N', 'N', 'N'},
  }));
  CAPTURE(f);
  Measures m;
  m.followup.hbi = f;
  expect(evaluate_rule("hbi_remission_lt5", m), lt5);
  expect(evaluate_rule("hbi_remission_le4", m), le4);
  expect(evaluate_rule("hbi_remission_le3", m), le3);
  // Remission is a follow-up-only rule: the baseline is not needed.
  expect(evaluate_rule("hbi_remission_lt5", Measures{}), 'U', {"hbi_followup"});
}

TEST_CASE("endpoints: HBI steroid-free remission", "[endpoints][hbi][kleene]") {
  // §5.4: remission AND not on systemic corticosteroids at the visit (explicit input, A25).
  auto [f, sf, lt5, le3, missing] = GENERATE(table<OI, OB, char, char, std::string>({
      {3, true, 'Y', 'Y', ""},
      {4, true, 'Y', 'N', ""},
      {5, true, 'N', 'N', ""},
      {3, false, 'N', 'N', ""},   // HBIE-04: on steroids
      {3, kNone, 'U', 'U', "steroid_free"},
      {6, kNone, 'N', 'N', ""},   // not in remission: no AND unknown = no
      {kNone, true, 'U', 'U', "hbi_followup"},
      {kNone, false, 'N', 'N', ""},  // on steroids: no whatever the HBI
  }));
  INFO("HBI " << show(f) << " steroid_free " << show(sf));
  Measures m;
  m.followup.hbi = f;
  m.followup.steroid_free = sf;
  const Missing miss = missing.empty() ? Missing{} : Missing{missing};
  expect(evaluate_rule("hbi_steroid_free_remission_lt5", m), lt5, miss);
  expect(evaluate_rule("hbi_steroid_free_remission_le3", m), le3, miss);
}

// ---------------------------------------------------------------------------------------------
// CDAI (§2.5, A5)

TEST_CASE("endpoints: CDAI-70 and CDAI-100 decreases", "[endpoints][cdai]") {
  auto [b, f, cr70, cr100] = GENERATE(table<long long, long long, char, char>({
      {280, 211, 'N', 'N'},  // 69
      {280, 210, 'Y', 'N'},  // 70 (CDAIE-06)
      {280, 209, 'Y', 'N'},  // 71
      {300, 201, 'Y', 'N'},  // 99
      {300, 200, 'Y', 'Y'},  // 100 (CDAIE-04)
      {300, 199, 'Y', 'Y'},  // 101
      {200, 250, 'N', 'N'},  // a rise
  }));
  CAPTURE(b, f);
  Measures m;
  m.baseline.cdai = b;
  m.followup.cdai = f;
  expect(evaluate_rule("cdai_cr70", m), cr70);
  expect(evaluate_rule("cdai_cr100", m), cr100);
}

TEST_CASE("endpoints: CDAI remission < 150 and the Best 1976 wording <= 150", "[endpoints][cdai]") {
  auto [f, lt150, le150] = GENERATE(table<long long, char, char>({
      {-5, 'Y', 'Y'}, {149, 'Y', 'Y'}, {150, 'N', 'Y'}, {151, 'N', 'N'},
  }));
  CAPTURE(f);
  Measures m;
  m.followup.cdai = f;
  expect(evaluate_rule("cdai_remission_lt150", m), lt150);
  expect(evaluate_rule("cdai_remission_le150", m), le150);
}

TEST_CASE("endpoints: CDAI response decrease >= 100 OR CDAI < 150 (Kleene OR)", "[endpoints][cdai][kleene]") {
  // UNITI / POWER (§2.5, §6.1). "yes OR unknown" is yes: a follow-up below 150 achieves the
  // endpoint even without a baseline.
  auto [b, f, want, missing] = GENERATE(table<OL, OL, char, Missing>({
      {300, 201, 'N', {}},                  // decrease 99, CDAI 201
      {300, 200, 'Y', {}},                  // decrease 100
      {250, 150, 'Y', {}},                  // decrease 100, CDAI 150
      {249, 150, 'N', {}},                  // decrease 99, CDAI 150 (not < 150)
      {230, 145, 'Y', {}},                  // CDAIE-03: decrease 85 but CDAI 145
      {228, 149, 'Y', {}},                  // POWER-03
      {kNone, 149, 'Y', {}},                // from follow-up alone
      {kNone, 150, 'U', {"cdai_baseline"}},
      {300, kNone, 'U', {"cdai_followup"}},
      {kNone, kNone, 'U', {"cdai_baseline", "cdai_followup"}},
  }));
  INFO("baseline " << show(b) << " follow-up " << show(f));
  Measures m;
  m.baseline.cdai = b;
  m.followup.cdai = f;
  expect(evaluate_rule("cdai_response_100_or_lt150", m), want, missing);
}

// ---------------------------------------------------------------------------------------------
// SES-CD (§3.4, A15-A17)

TEST_CASE("endpoints: SES-CD response > 50 % and >= 50 %", "[endpoints][ses_cd]") {
  // Exact integer arithmetic: > 50 % is 2 x decrease > baseline (§0.3.4).
  auto [b, f, ileal, gt50, ge50] = GENERATE(table<int, int, OB, char, char>({
      {12, 5, false, 'Y', 'Y'},  // SESE-01: 7 of 12
      {10, 4, false, 'Y', 'Y'},  // 60 %
      {10, 5, false, 'N', 'Y'},  // exactly 50 %
      {10, 6, false, 'N', 'N'},  // 40 %
      {8, 4, false, 'N', 'Y'},   // exactly 50 % (the non-monotone corner, SESE-02)
      {5, 2, false, 'Y', 'Y'},   // 2 x 3 = 6 > 5
      {5, 3, false, 'N', 'N'},   // 2 x 2 = 4
      {5, 4, false, 'N', 'N'},   // SESE-06
      {20, 0, false, 'Y', 'Y'},  // SESE-07
      {6, 3, true, 'N', 'Y'},    // the ileal rule applies to baseline 4 only
      {3, 0, kNone, 'Y', 'Y'},
  }));
  INFO("baseline " << b << " follow-up " << f << " ileal " << show(ileal));
  Measures m;
  m.baseline.ses_cd = b;
  m.followup.ses_cd = f;
  m.isolated_ileal_disease = ileal;
  expect(evaluate_rule("ses_response_gt50", m), gt50);
  expect(evaluate_rule("ses_response_ge50", m), ge50);
}

TEST_CASE("endpoints: SES-CD response, isolated ileal disease with baseline 4", "[endpoints][ses_cd]") {
  // §3.4: for isolated ileal disease with baseline SES-CD = 4, a decrease >= 2 points.
  auto [f, ileal, want, missing] = GENERATE(table<int, OB, char, Missing>({
      {2, true, 'Y', {}},     // SESE-03: 2 points, ileal
      {2, false, 'N', {}},    // SESE-04: exactly 50 %, not ileal
      {2, kNone, 'U', {"isolated_ileal_disease"}},
      {3, true, 'N', {}},     // 1 point
      {1, kNone, 'Y', {}},    // 75 % whatever the location
      {0, false, 'Y', {}},
  }));
  INFO("4 -> " << f << " ileal " << show(ileal));
  Measures m;
  m.baseline.ses_cd = 4;
  m.followup.ses_cd = f;
  m.isolated_ileal_disease = ileal;
  expect(evaluate_rule("ses_response_gt50", m), want, missing);
}

TEST_CASE("endpoints: SES-CD response from a baseline of 0 is never achieved", "[endpoints][ses_cd][missing]") {
  // A percent decrease from 0 is undefined (the spec says so for PRO2 in §4; SES-CD is silent).
  // Whatever the verdict, it must not be "achieved"; if not evaluable it names the condition.
  for (const char* rule : {"ses_response_gt50", "ses_response_ge50"}) {
    for (int f : {0, 1}) {
      CAPTURE(rule, f);
      Measures m;
      m.baseline.ses_cd = 0;
      m.followup.ses_cd = f;
      m.isolated_ileal_disease = true;
      const Tri t = evaluate_rule(rule, m);
      CHECK_FALSE(t.yes());
      if (!t.evaluable()) CHECK(t.missing() == std::vector<std::string>{"ses_cd_baseline>0"});
    }
  }
  Measures none;
  none.followup.ses_cd = 2;
  expect(evaluate_rule("ses_response_gt50", none), 'U', {"ses_cd_baseline"});
}

TEST_CASE("endpoints: AbbVie endoscopic remission (<= 4, -2, no cell > 1)", "[endpoints][ses_cd][kleene]") {
  auto [b, f, max_item, want, missing] = GENERATE(table<OI, OI, OI, char, Missing>({
      {8, 4, 1, 'Y', {}},   // the non-monotone corner: remission without response
      {10, 4, 1, 'Y', {}},  // SEQ-01
      {8, 5, 1, 'N', {}},   // 5 > 4
      {6, 4, 1, 'Y', {}},   // decrease exactly 2
      {5, 4, 1, 'N', {}},   // decrease 1
      {8, 4, 2, 'N', {}},   // a cell of 2
      {8, 3, 0, 'Y', {}},
      {4, 2, 1, 'Y', {}},   // SESE-03/04
      {8, 4, kNone, 'U', {"followup_max_item_score"}},
      {kNone, 4, 1, 'U', {"ses_cd_baseline"}},
      {kNone, 5, 1, 'N', {}},   // 5 > 4: no AND unknown = no
      {8, 4, 3, 'N', {}},
      {kNone, kNone, kNone, 'U', {"ses_cd_baseline", "ses_cd_followup", "followup_max_item_score"}},
  }));
  INFO(show(b) << " -> " << show(f) << " max item " << show(max_item));
  Measures m;
  m.baseline.ses_cd = b;
  m.followup.ses_cd = f;
  m.followup.ses_cd_max_item = max_item;
  expect(evaluate_rule("ses_remission_abbvie", m), want, missing);
}

TEST_CASE("endpoints: SES-CD <= 2, 0 and STRIDE-II healing", "[endpoints][ses_cd][kleene]") {
  auto [f, ulcer, le2, zero, healing, missing] = GENERATE(table<int, OB, char, char, char, Missing>({
      {0, false, 'Y', 'Y', 'Y', {}},
      {1, false, 'Y', 'N', 'Y', {}},
      {2, false, 'Y', 'N', 'Y', {}},
      {2, true, 'Y', 'N', 'N', {}},   // aphthous ulcers count (STRIDE-II)
      {3, false, 'N', 'N', 'N', {}},
      {2, kNone, 'Y', 'N', 'U', {"followup_any_ulcer"}},
      {3, kNone, 'N', 'N', 'N', {}},
  }));
  INFO("SES-CD " << f << " ulcer " << show(ulcer));
  Measures m;
  m.followup.ses_cd = f;
  m.followup.ses_cd_any_ulcer = ulcer;
  expect(evaluate_rule("ses_le2", m), le2);
  expect(evaluate_rule("ses_zero", m), zero);
  expect(evaluate_rule("ses_healing_stride2", m), healing, missing);
}

TEST_CASE("endpoints: ulcer-free endoscopy (patients with ulcers at baseline)", "[endpoints][ses_cd]") {
  auto [base_ulcer, fu_ulcer, want, missing] = GENERATE(table<OB, OB, char, Missing>({
      {true, false, 'Y', {}},
      {true, true, 'N', {}},
      {false, false, 'U', {"baseline_any_ulcer=true"}},  // not in the denominator
      {kNone, false, 'U', {"baseline_any_ulcer"}},
      // Unknown at baseline: whether the patient is in the population is unknown, so ulcers at
      // follow-up do not make it "not achieved".
      {kNone, true, 'U', {"baseline_any_ulcer"}},
      {kNone, kNone, 'U', {"baseline_any_ulcer", "followup_any_ulcer"}},
      {true, kNone, 'U', {"followup_any_ulcer"}},
  }));
  INFO("baseline ulcer " << show(base_ulcer) << " follow-up ulcer " << show(fu_ulcer));
  Measures m;
  m.baseline.ses_cd_any_ulcer = base_ulcer;
  m.followup.ses_cd_any_ulcer = fu_ulcer;
  expect(evaluate_rule("ses_ulcer_free", m), want, missing);
}

// ---------------------------------------------------------------------------------------------
// PRO2 (§4, A19)

TEST_CASE("endpoints: PRO2 remission thresholds (AbbVie, STRIDE-II, SF <= 1.5)", "[endpoints][pro2]") {
  // Baseline 5.0 / 2.0 so that "neither worse than baseline" holds unless stated.
  auto [sf, ap, abbvie, stride2, strict] = GENERATE(table<double, double, char, char, char>({
      {2.8, 1.0, 'Y', 'Y', 'N'},
      {0.1 * 28, 1.0, 'Y', 'Y', 'N'},  // 2.8000000000000003: the 1e-9 tolerance (§0.3.4)
      {14.0 / 5.0, 0.8, 'Y', 'Y', 'N'},  // PRO2-03 diary
      {2.81, 1.0, 'N', 'Y', 'N'},
      {3.0, 1.0, 'N', 'Y', 'N'},
      {3.01, 1.0, 'N', 'N', 'N'},
      {1.5, 1.0, 'Y', 'Y', 'Y'},
      {1.51, 1.0, 'Y', 'Y', 'N'},
      {1.0, 1.01, 'N', 'N', 'N'},
      {0.0, 0.0, 'Y', 'Y', 'Y'},
  }));
  CAPTURE(sf, ap);
  Measures m;
  m.baseline.sf_avg = 5.0;
  m.baseline.ap_avg = 2.0;
  m.followup.sf_avg = sf;
  m.followup.ap_avg = ap;
  expect(evaluate_rule("pro2_remission_abbvie", m), abbvie);
  expect(evaluate_rule("pro2_remission_stride2", m), stride2);
  expect(evaluate_rule("pro2_remission_sf1_5", m), strict);
}

TEST_CASE("endpoints: AbbVie PRO2 remission requires neither score worse than baseline", "[endpoints][pro2][kleene]") {
  auto [bsf, bap, fsf, fap, want, missing] = GENERATE(table<OD, OD, double, double, char, Missing>({
      {2.0, 1.0, 2.5, 0.5, 'N', {}},  // SF worse than baseline although <= 2.8
      {2.0, 0.5, 1.5, 1.0, 'N', {}},  // AP worse
      {2.5, 1.0, 2.5, 1.0, 'Y', {}},  // unchanged is not worse
      {kNone, kNone, 2.0, 1.0, 'U', {"sf_avg_baseline", "ap_avg_baseline"}},
      {kNone, kNone, 3.0, 1.0, 'N', {}},  // SF 3 > 2.8: no whatever the baseline
  }));
  INFO(show(bsf) << "/" << show(bap) << " -> " << fsf << "/" << fap);
  Measures m;
  m.baseline.sf_avg = bsf;
  m.baseline.ap_avg = bap;
  m.followup.sf_avg = fsf;
  m.followup.ap_avg = fap;
  expect(evaluate_rule("pro2_remission_abbvie", m), want, missing);
  // STRIDE-II has no baseline clause.
  const bool stride = fsf <= 3.0 && fap <= 1.0;
  expect(evaluate_rule("pro2_remission_stride2", m), stride ? 'Y' : 'N');
}

TEST_CASE("endpoints: SF/APS response >= 30 % (and/or, neither worse)", "[endpoints][pro2]") {
  auto [bsf, bap, fsf, fap, want] = GENERATE(table<double, double, double, double, char>({
      {5.0, 2.0, 3.5, 2.0, 'Y'},   // SF -30 % exactly: 100 x 1.5 / 5 = 30
      {5.0, 2.0, 3.6, 2.0, 'N'},   // SF -28 %, AP 0 %
      {5.0, 2.0, 5.0, 1.4, 'Y'},   // AP -30 %: 100 x 0.6 / 2 = 30
      {5.0, 2.0, 5.0, 1.5, 'N'},   // AP -25 %
      {3.0, 2.0, 2.1, 2.0, 'Y'},   // 100 x 0.9 / 3 = 29.999999999999996 in binary -> 30 %
      {1.0, 1.0, 0.7, 1.0, 'Y'},   // 30.000000000000004 in binary -> 30 %
      {5.0, 1.0, 3.0, 1.2, 'N'},   // SF -40 % but AP worse than baseline
      {5.0, 2.0, 6.0, 1.0, 'N'},   // AP -50 % but SF worse
      {4.0, 2.0, 3.6, 1.4, 'Y'},   // PRO2E-04: SF -10 %, AP -30 %
      {6.0, 2.0, 2.0, 1.0, 'Y'},   // PRO2E-01
  }));
  CAPTURE(bsf, bap, fsf, fap);
  Measures m;
  m.baseline.sf_avg = bsf;
  m.baseline.ap_avg = bap;
  m.followup.sf_avg = fsf;
  m.followup.ap_avg = fap;
  expect(evaluate_rule("pro2_response_30", m), want);
}

TEST_CASE("endpoints: SF/APS response when a baseline component is 0", "[endpoints][pro2]") {
  // §4: a percent change from 0 is undefined, so that component cannot satisfy the criterion;
  // the other component still can.
  Measures m;
  m.baseline.sf_avg = 0.0;
  m.baseline.ap_avg = 2.0;
  m.followup.sf_avg = 0.0;
  m.followup.ap_avg = 1.0;  // AP -50 %
  expect(evaluate_rule("pro2_response_30", m), 'Y');
}

TEST_CASE("endpoints: PRO2 response details name only the parts with numbers", "[endpoints][pro2]") {
  // SF 3 -> 1 met; AP not recorded: "neither worse" cannot be checked, so not evaluable, and the
  // detail shows the SF numbers without an empty "AP" part.
  Measures m;
  m.baseline.sf_avg = 3.0;
  m.followup.sf_avg = 1.0;
  const Tri t = evaluate_rule("pro2_response_30", m);
  CHECK_FALSE(t.evaluable());
  CHECK(t.detail() == "SF 3 -> 1 (decrease 66.66666667 %, required 30 %)");
}

TEST_CASE("endpoints: PRO2 percent criteria from a zero baseline are not met", "[endpoints][pro2]") {
  // §4: "Percent change with baseline 0 is undefined -> that component cannot satisfy a
  // %-decrease criterion." With the other component not met either, the endpoint is not achieved
  // (false), rather than "not evaluable": every input is present.
  Measures m;
  m.baseline.sf_avg = 0.0;
  m.baseline.ap_avg = 2.0;
  m.followup.sf_avg = 0.0;
  m.followup.ap_avg = 2.0;  // AP 0 % decrease; SF cannot satisfy
  expect(evaluate_rule("pro2_response_30", m), 'N');

  // STRIDE-II PRO2 >= 50 %: weighted baseline 2 x 0 + 5 x 0 = 0 cannot decrease by 50 %.
  Measures z;
  z.baseline.sf_avg = 0.0;
  z.baseline.ap_avg = 0.0;
  z.followup.sf_avg = 1.0;
  z.followup.ap_avg = 0.0;
  expect(evaluate_rule("pro2_response_50_stride2", z), 'N');
}

TEST_CASE("endpoints: STRIDE-II PRO2 decrease >= 50 % (weighted)", "[endpoints][pro2]") {
  // Weighted PRO2 = 2 x SF + 5 x AP (Khanna).
  auto [bsf, bap, fsf, fap, want] = GENERATE(table<double, double, double, double, char>({
      {6.0, 2.0, 2.0, 1.0, 'Y'},   // 22 -> 9: 59 % (PRO2E-01)
      {6.0, 2.0, 3.0, 1.0, 'Y'},   // 22 -> 11: exactly 50 %
      {6.0, 2.0, 3.0, 1.02, 'N'},  // 22 -> 11.1: 49.5 %
      {5.0, 2.0, 3.0, 1.0, 'N'},   // PRO2E-03: 20 -> 11: 45 %
      {6.0, 2.0, 2.5, 1.2, 'Y'},   // 22 -> 11: 50 % with binary noise
  }));
  CAPTURE(bsf, bap, fsf, fap);
  Measures m;
  m.baseline.sf_avg = bsf;
  m.baseline.ap_avg = bap;
  m.followup.sf_avg = fsf;
  m.followup.ap_avg = fap;
  expect(evaluate_rule("pro2_response_50_stride2", m), want);

  Measures partial = m;
  partial.baseline.ap_avg.reset();
  expect(evaluate_rule("pro2_response_50_stride2", partial), 'U', {"ap_avg_baseline"});
}

// ---------------------------------------------------------------------------------------------
// Biomarkers (§5.1, A21)

TEST_CASE("endpoints: biochemical remission FC < 150 and CRP < 5 mg/L", "[endpoints][biomarkers][kleene]") {
  auto [fc, crp, want, missing] = GENERATE(table<OD, OD, char, Missing>({
      {149.0, 4.9, 'Y', {}},
      {150.0, 4.9, 'N', {}},
      {149.0, 5.0, 'N', {}},  // 5 mg/L = 0.5 mg/dL is not < 0.5 mg/dL
      {151.0, 5.1, 'N', {}},
      {149.0, kNone, 'U', {"crp"}},
      {200.0, kNone, 'N', {}},
      {kNone, 1.0, 'U', {"fecal_calprotectin_ug_g"}},
  }));
  INFO("FC " << show(fc) << " CRP " << show(crp));
  Measures m;
  m.followup.fc_ug_g = fc;
  m.followup.crp_mg_l = crp;
  expect(evaluate_rule("bio_remission_fc150_crp0_5", m), want, missing);
}

TEST_CASE("endpoints: STRIDE-II FC < 250 and CRP < ULN", "[endpoints][biomarkers]") {
  auto [fc, want] = GENERATE(table<double, char>({{249.9, 'Y'}, {250.0, 'N'}, {250.1, 'N'}}));
  Measures m;
  m.followup.fc_ug_g = fc;
  expect(evaluate_rule("fc_lt250_stride2", m), want);

  auto [crp, uln, crp_want] = GENERATE(table<double, double, char>({
      {4.9, 5.0, 'Y'}, {5.0, 5.0, 'N'}, {5.1, 5.0, 'N'},
  }));
  Measures c;
  c.followup.crp_mg_l = crp;
  c.followup.crp_uln_mg_l = uln;
  expect(evaluate_rule("crp_lt_uln_stride2", c), crp_want);
  c.followup.crp_uln_mg_l.reset();
  expect(evaluate_rule("crp_lt_uln_stride2", c), 'U', {"crp_uln_mg_l"});
}

// ---------------------------------------------------------------------------------------------
// Intestinal ultrasound (§5.2, A22), exact in hundredths of a millimetre

TEST_CASE("endpoints: IUS 4.1 -> 2.1 mm is exactly a 2.0 mm reduction", "[endpoints][ius]") {
  // 4.1 - 2.1 = 1.9999999999999996 in double; in hundredths 410 - 210 = 200.
  CHECK(crohn::to_hundredths(4.1) - crohn::to_hundredths(2.1) == 200);
  Measures m;
  m.baseline.bwt_hundredths_mm = crohn::to_hundredths(4.1);
  m.followup.bwt_hundredths_mm = crohn::to_hundredths(2.1);
  expect(evaluate_rule("ius_response_ge2mm", m), 'Y');
  expect(evaluate_rule("ius_healing_lt3mm", m), 'Y');
}

TEST_CASE("endpoints: IUS Italian response >= 2 mm and healing < 3 mm", "[endpoints][ius]") {
  auto [b, f, resp, heal, le3] = GENERATE(table<long long, long long, char, char, char>({
      {600, 400, 'Y', 'N', 'N'},  // IUS-01: 2.0 mm, 4.0 mm
      {600, 401, 'N', 'N', 'N'},  // 1.99 mm
      {600, 399, 'Y', 'N', 'N'},  // 2.01 mm
      {500, 301, 'N', 'N', 'N'},
      {500, 300, 'Y', 'N', 'Y'},  // BWT 3.0: not < 3 but <= 3
      {500, 299, 'Y', 'Y', 'Y'},
      {450, 300, 'N', 'N', 'Y'},  // IUS-03
  }));
  CAPTURE(b, f);
  Measures m;
  m.baseline.bwt_hundredths_mm = b;
  m.followup.bwt_hundredths_mm = f;
  expect(evaluate_rule("ius_response_ge2mm", m), resp);
  expect(evaluate_rule("ius_healing_lt3mm", m), heal);
  expect(evaluate_rule("ius_bwt_le3mm", m), le3);
}

TEST_CASE("endpoints: IUS consensus response (> 25 %, > 2.0 mm, > 1.0 mm + Doppler)", "[endpoints][ius][kleene]") {
  auto [b, f, doppler, want, missing] = GENERATE(table<long long, long long, OB, char, Missing>({
      {400, 300, false, 'N', {}},   // 1.0 mm = exactly 25 % (not >), not > 1.0 mm
      {400, 299, false, 'Y', {}},   // 1.01 mm of 4.0 = 25.25 %
      {800, 600, false, 'N', {}},   // 2.0 mm = 25 % exactly, not > 2.0 mm
      {800, 590, false, 'Y', {}},   // 2.1 mm > 2.0 mm
      {800, 650, true, 'Y', {}},    // 1.5 mm (18.75 %) with Doppler decrease
      {800, 650, false, 'N', {}},
      {800, 650, kNone, 'U', {"color_doppler_decreased"}},
      {800, 700, kNone, 'N', {}},   // 1.0 mm: not > 1.0 mm, so Doppler cannot matter
      {450, 300, false, 'Y', {}},   // IUS-03: 1.5 of 4.5 = 33 %
  }));
  INFO(b << " -> " << f << " doppler " << show(doppler));
  Measures m;
  m.baseline.bwt_hundredths_mm = b;
  m.followup.bwt_hundredths_mm = f;
  m.followup.color_doppler_decreased = doppler;
  expect(evaluate_rule("ius_response_consensus", m), want, missing);
}

TEST_CASE("endpoints: IUS rules name missing wall thickness", "[endpoints][ius][missing]") {
  Measures m;
  m.followup.bwt_hundredths_mm = 250;
  expect(evaluate_rule("ius_response_ge2mm", m), 'U', {"bwt_baseline_mm"});
  expect(evaluate_rule("ius_response_consensus", m), 'U', {"bwt_baseline_mm"});
  expect(evaluate_rule("ius_healing_lt3mm", m), 'Y');
  expect(evaluate_rule("ius_healing_lt3mm", Measures{}), 'U', {"bwt_followup_mm"});
}

// ---------------------------------------------------------------------------------------------
// IBDQ (§5.5, A23)

TEST_CASE("endpoints: IBDQ remission and response edges", "[endpoints][ibdq]") {
  auto [b, f, r16, r22, r27, rem170, rem168] =
      GENERATE(table<int, int, char, char, char, char, char>({
          {150, 165, 'N', 'N', 'N', 'N', 'N'},  // +15
          {150, 166, 'Y', 'N', 'N', 'N', 'N'},  // +16
          {146, 167, 'Y', 'N', 'N', 'N', 'N'},  // +21
          {146, 168, 'Y', 'Y', 'N', 'N', 'Y'},  // +22, 168
          {143, 169, 'Y', 'Y', 'N', 'N', 'Y'},  // +26
          {143, 170, 'Y', 'Y', 'Y', 'Y', 'Y'},  // +27, 170
          {180, 171, 'N', 'N', 'N', 'Y', 'Y'},  // a fall
      }));
  CAPTURE(b, f);
  Measures m;
  m.baseline.ibdq = b;
  m.followup.ibdq = f;
  expect(evaluate_rule("ibdq_response_ge16", m), r16);
  expect(evaluate_rule("ibdq_response_ge22", m), r22);
  expect(evaluate_rule("ibdq_response_ge27", m), r27);
  expect(evaluate_rule("ibdq_remission_ge170", m), rem170);
  expect(evaluate_rule("ibdq_remission_ge168", m), rem168);
  m.baseline.ibdq.reset();
  expect(evaluate_rule("ibdq_response_ge16", m), 'U', {"ibdq_baseline"});
  expect(evaluate_rule("ibdq_remission_ge170", m), rem170);
}

// ---------------------------------------------------------------------------------------------
// Composites (§5.6, §6.4, §6.5)

TEST_CASE("endpoints: STRIDE-II clinical remission = PRO2 remission OR HBI < 5", "[endpoints][kleene]") {
  auto [sf, ap, hbi, want, missing] = GENERATE(table<OD, OD, OI, char, Missing>({
      {3.0, 1.0, 7, 'Y', {}},
      {3.5, 1.0, 4, 'Y', {}},
      {3.5, 1.0, 5, 'N', {}},
      {kNone, kNone, 4, 'Y', {}},  // HBI alone suffices
      {kNone, kNone, 5, 'U', {"sf_avg_followup", "ap_avg_followup"}},
      {3.5, 1.0, kNone, 'U', {"hbi_followup"}},
      {2.0, 0.5, kNone, 'Y', {}},  // PRO2 alone suffices
      {kNone, kNone, kNone, 'U', {"sf_avg_followup", "ap_avg_followup", "hbi_followup"}},
  }));
  INFO("SF " << show(sf) << " AP " << show(ap) << " HBI " << show(hbi));
  Measures m;
  m.followup.sf_avg = sf;
  m.followup.ap_avg = ap;
  m.followup.hbi = hbi;
  expect(evaluate_rule("stride2_clinical_remission", m), want, missing);
}

TEST_CASE("endpoints: Italian deep remission is an AND of three remissions", "[endpoints][kleene]") {
  // §6.4: steroid-free HBI <= 3 AND FC < 150 and CRP < 5 mg/L AND BWT < 3 mm.
  Measures all;
  all.followup.hbi = 3;
  all.followup.steroid_free = true;
  all.followup.fc_ug_g = 100;
  all.followup.crp_mg_l = 2;
  all.followup.bwt_hundredths_mm = 280;
  expect(evaluate_rule("italian_deep_remission", all), 'Y');

  SECTION("one part not met") {
    Measures m = all;
    m.followup.bwt_hundredths_mm = 300;
    expect(evaluate_rule("italian_deep_remission", m), 'N');
    m = all;
    m.followup.hbi = 4;
    expect(evaluate_rule("italian_deep_remission", m), 'N');
    m = all;
    m.followup.crp_mg_l = 5;
    expect(evaluate_rule("italian_deep_remission", m), 'N');
  }
  SECTION("one part missing") {
    Measures m = all;
    m.followup.bwt_hundredths_mm.reset();
    expect(evaluate_rule("italian_deep_remission", m), 'U', {"bwt_followup_mm"});
    m = all;
    m.followup.steroid_free.reset();
    expect(evaluate_rule("italian_deep_remission", m), 'U', {"steroid_free"});
    m.followup.fc_ug_g = 400;  // a known "no" decides the AND
    expect(evaluate_rule("italian_deep_remission", m), 'N');
  }
}

TEST_CASE("endpoints: drug survival", "[endpoints]") {
  Measures m;
  m.followup.discontinued = false;
  expect(evaluate_rule("on_drug", m), 'Y');
  m.followup.discontinued = true;
  expect(evaluate_rule("on_drug", m), 'N');
  expect(evaluate_rule("on_drug", Measures{}), 'U', {"discontinued"});
}

// ---------------------------------------------------------------------------------------------
// The registry and the three-valued logic

TEST_CASE("endpoints: every rule is documented and findable", "[endpoints][registry]") {
  const auto& rules = crohn::endpoints::rules();
  REQUIRE(rules.size() >= 40);
  std::set<std::string> ids;
  for (const auto& r : rules) {
    CAPTURE(r.id);
    CHECK(std::string(r.id).size() > 0);
    CHECK(std::string(r.label).size() > 0);
    CHECK(std::string(r.rule).size() > 0);
    CHECK(std::string(r.citation).size() > 0);
    CHECK(std::string(r.needs).size() > 0);
    CHECK(r.evaluate != nullptr);
    CHECK(ids.insert(r.id).second);  // unique
    CHECK(crohn::endpoints::find_rule(r.id) == &r);
  }
  CHECK(crohn::endpoints::find_rule("no_such_rule") == nullptr);
  expect(evaluate_rule("no_such_rule", Measures{}), 'U', {"rule:no_such_rule"});
}

TEST_CASE("endpoints: with nothing measured every rule is not evaluable", "[endpoints][registry][missing]") {
  // Missing is never read as "not achieved" or zero.
  for (const auto& r : crohn::endpoints::rules()) {
    CAPTURE(r.id);
    const Tri t = r.evaluate(Measures{});
    CHECK_FALSE(t.evaluable());
    CHECK_FALSE(t.missing().empty());
    CHECK(t.value_json().is_null());
  }
}

TEST_CASE("verdict: Kleene AND / OR truth tables", "[endpoints][kleene]") {
  const Tri y = Tri::of(true), n = Tri::of(false);
  const Tri ua = Tri::unknown({"a"}), ub = Tri::unknown({"b", "a"});
  auto [l, r, and_want, or_want] = GENERATE(table<int, int, char, char>({
      {0, 0, 'Y', 'Y'}, {0, 1, 'N', 'Y'}, {0, 2, 'U', 'Y'},
      {1, 0, 'N', 'Y'}, {1, 1, 'N', 'N'}, {1, 2, 'N', 'U'},
      {2, 0, 'U', 'Y'}, {2, 1, 'N', 'U'}, {2, 2, 'U', 'U'},
  }));
  const Tri* vals[] = {&y, &n, &ua};
  const Tri* rvals[] = {&y, &n, &ub};
  CAPTURE(l, r);
  const Tri a = *vals[l] && *rvals[r];
  const Tri o = *vals[l] || *rvals[r];
  CHECK(state(a) == and_want);
  CHECK(state(o) == or_want);
  if (l == 2 && r == 2) {
    // Missing inputs are merged without duplicates.
    CHECK(a.missing() == std::vector<std::string>{"a", "b"});
    CHECK(o.missing() == std::vector<std::string>{"a", "b"});
  }
  CHECK(a.value_json() == (and_want == 'U' ? nlohmann::json(nullptr)
                                           : nlohmann::json(and_want == 'Y')));
}

TEST_CASE("verdict: tables carry not_evaluable and details", "[endpoints][kleene]") {
  crohn::verdict::Table t;
  t.put("a", Tri::of(true).with_detail("fine"));
  t.put("b", Tri::unknown({"x", "y"}));
  t.put("c", Tri::of(false));
  const nlohmann::json j = t.to_json();
  CHECK(j["a"] == true);
  CHECK(j["b"].is_null());
  CHECK(j["c"] == false);
  CHECK(j["not_evaluable"] == nlohmann::json{{"b", {"x", "y"}}});
  CHECK(j["details"] == nlohmann::json{{"a", "fine"}});
  // Tri::known is the gate "present -> evaluate, absent -> unknown naming it".
  CHECK(Tri::known(false, "q").missing() == std::vector<std::string>{"q"});
  CHECK(Tri::known(true, "q").then([] { return false; }).no());
  CHECK(Tri::known(false, "q").then([] { return true; }).missing() ==
        std::vector<std::string>{"q"});
}

TEST_CASE("endpoints: details explain the numbers", "[endpoints]") {
  Measures m;
  m.baseline.cdai = 230;
  m.followup.cdai = 145;
  const Tri t = evaluate_rule("cdai_cr100", m);
  CHECK(t.no());
  CHECK_THAT(t.detail(), Catch::Matchers::Contains("85"));
  CHECK_THAT(t.detail(), Catch::Matchers::Contains("100"));
}
