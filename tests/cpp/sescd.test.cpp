// SPDX-License-Identifier: MIT
// SES-CD (clinical-spec §3): 5 segments x 4 variables scored 0-3, bands 0-2 / 3-6 / 7-15 / >= 16,
// unexamined segments, warnings, and validation with `field` "segments" and a dotted `path`.
#include <algorithm>
#include <array>
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/sescd.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

using Cells = std::array<std::array<int, 4>, 5>;  // [segment][ulcer_size, ulcerated, affected, narrowing]

const char* const kSeg[5] = {"ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
const char* const kItem[4] = {"ulcer_size", "ulcerated_surface", "affected_surface", "narrowing"};

Json segments(const Cells& c) {
  Json s = Json::object();
  for (int i = 0; i < 5; ++i) {
    s[kSeg[i]] = Json{{kItem[0], c[i][0]}, {kItem[1], c[i][1]}, {kItem[2], c[i][2]},
                      {kItem[3], c[i][3]}};
  }
  return s;
}

Json input(const Cells& c) { return Json{{"segments", segments(c)}}; }

Json ok(const Json& in) { return crohn_test::run_ok("ses_cd", in); }

bool has_warning(const Json& out, const std::string& w) {
  const Json& ws = out["warnings"];
  return std::find(ws.begin(), ws.end(), Json(w)) != ws.end();
}

/// SES-01: ileum 2/2/3/1, right colon 1/1/2/0, others 0.
Cells ses01() { return Cells{{{2, 2, 3, 1}, {1, 1, 2, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}}}; }

}  // namespace

TEST_CASE("ses_cd: every cell of every segment adds its value", "[ses_cd]") {
  // §3.1: total = sum of all 20 cells. One cell set, the others 0.
  const int seg = GENERATE(range(0, 5));
  const int item = GENERATE(range(0, 4));
  const int value = GENERATE(1, 2, 3);
  CAPTURE(kSeg[seg], kItem[item], value);
  Cells c{};
  c[static_cast<std::size_t>(seg)][static_cast<std::size_t>(item)] = value;
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == value);
  CHECK(out["subtotals"][kItem[item]] == value);
  CHECK(out["segment_scores"][kSeg[seg]] == value);
  CHECK(out["max_item_score"] == value);
  CHECK(out["segments_evaluated"] == 5);
  CHECK(out["complete"] == true);
  // Ulcer = ulcer size or ulcerated surface > 0.
  CHECK(out["any_ulcer"] == (item <= 1));
  CHECK(out["ses_cd_excluding_narrowing"] == (item == 3 ? 0 : value));
  CHECK(out["nonpassable_stenoses"] == (item == 3 && value == 3 ? 1 : 0));
  // An ulcer size without ulcerated surface (or the reverse) breaks §3.1 consistency.
  if (item <= 1) {
    CHECK(out["warnings"] == Json::array({std::string("inconsistent_ulcer_items:") + kSeg[seg]}));
  } else {
    CHECK(out["warnings"] == Json::array());
  }
}

TEST_CASE("ses_cd: band edges 2/3, 6/7, 15/16", "[ses_cd][bands]") {
  // §3.2: 0-2 remission, 3-6 mild, 7-15 moderate, >= 16 severe. Totals made of affected-surface
  // (<= 3) and passable narrowing (<= 2) cells, filled segment by segment (no ulcer, no warning).
  auto [total, band] = GENERATE(table<int, std::string>({
      {0, "remission"}, {2, "remission"}, {3, "mild"},     {6, "mild"},
      {7, "moderate"},  {15, "moderate"}, {16, "severe"},  {25, "severe"},
  }));
  CAPTURE(total, band);
  CHECK(crohn::band_name(crohn::sescd::band(total)) == band);

  Cells c{};
  int left = total;
  for (auto& seg : c) {
    seg[2] = std::min(left, 3);
    left -= seg[2];
    seg[3] = std::min(left, 2);
    left -= seg[3];
  }
  REQUIRE(left == 0);
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == total);
  CHECK(out["ses_cd_band"] == band);
  CHECK(out["warnings"] == Json::array());
}

TEST_CASE("ses_cd: public vectors SES-01/03/04/06/07/12", "[ses_cd]") {
  auto [c, total, band, excl, max_item, any_ulcer] =
      GENERATE(table<Cells, int, std::string, int, int, bool>({
          // SES-01: ileum 2+2+3+1 = 8, right colon 1+1+2+0 = 4 -> 12 moderate; minus narrowing 1 = 11
          {Cells{{{2, 2, 3, 1}, {1, 1, 2, 0}, {}, {}, {}}}, 12, "moderate", 11, 3, true},
          // SES-03: 0+0+1+1 = 2 remission, no ulcer
          {Cells{{{0, 0, 1, 1}, {}, {}, {}, {}}}, 2, "remission", 1, 1, false},
          // SES-04: 1+1+1 = 3 mild (a segment with any ulcer scores >= 3)
          {Cells{{{1, 1, 1, 0}, {}, {}, {}, {}}}, 3, "mild", 3, 1, true},
          // SES-06: 2+1+2 = 5, + 2 = 7 moderate
          {Cells{{{2, 1, 2, 0}, {0, 0, 2, 0}, {}, {}, {}}}, 7, "moderate", 7, 2, true},
          // SES-07: 3+3+3+1 = 10, 2+2+1 = 5 -> 15 moderate
          {Cells{{{3, 3, 3, 1}, {2, 2, 1, 0}, {}, {}, {}}}, 15, "moderate", 14, 3, true},
          // SES-12: 1+1+2+1 = 5 mild; excluding narrowing 4
          {Cells{{{1, 1, 2, 1}, {}, {}, {}, {}}}, 5, "mild", 4, 2, true},
      }));
  CAPTURE(total);
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == total);
  CHECK(out["ses_cd_band"] == band);
  CHECK(out["ses_cd_excluding_narrowing"] == excl);
  CHECK(out["max_item_score"] == max_item);
  CHECK(out["any_ulcer"] == any_ulcer);
  CHECK(out["warnings"] == Json::array());
}

TEST_CASE("ses_cd: published maximum 56 (SES-09)", "[ses_cd]") {
  // 15 + 15 + 15 + 11 (one non-passable 3 + four passable 2) = 56.
  Cells c{{{3, 3, 3, 3}, {3, 3, 3, 2}, {3, 3, 3, 2}, {3, 3, 3, 2}, {3, 3, 3, 2}}};
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == 56);
  CHECK(out["ses_cd_band"] == "severe");
  CHECK(out["subtotals"] == Json{{"ulcer_size", 15}, {"ulcerated_surface", 15},
                                 {"affected_surface", 15}, {"narrowing", 11}});
  CHECK(out["segment_scores"] == Json{{"ileum", 12}, {"right_colon", 11},
                                      {"transverse_colon", 11}, {"left_colon", 11},
                                      {"rectum", 11}});
  CHECK(out["ses_cd_excluding_narrowing"] == 45);
  CHECK(out["nonpassable_stenoses"] == 1);
  CHECK(out["warnings"] == Json::array());
}

TEST_CASE("ses_cd: more than one non-passable stenosis is flagged, not capped", "[ses_cd][warnings]") {
  // §3.1 / A13: flag more than one narrowing 3; do not silently cap the narrowing subtotal at 11.
  Cells c{{{3, 3, 3, 3}, {3, 3, 3, 3}, {3, 3, 3, 3}, {3, 3, 3, 3}, {3, 3, 3, 3}}};
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == 60);  // 20 cells x 3, not 56
  CHECK(out["subtotals"]["narrowing"] == 15);
  CHECK(out["nonpassable_stenoses"] == 5);
  CHECK(has_warning(out, "more_than_one_nonpassable_stenosis"));

  Cells two{};
  two[0][3] = 3;
  two[4][3] = 3;  // 3 + 3 = 6
  const Json o2 = ok(input(two));
  CHECK(o2["ses_cd_total"] == 6);
  CHECK(o2["nonpassable_stenoses"] == 2);
  CHECK(o2["warnings"] == Json::array({"more_than_one_nonpassable_stenosis"}));

  Cells one{};
  one[2][3] = 3;
  CHECK(ok(input(one))["warnings"] == Json::array());
}

TEST_CASE("ses_cd: inconsistent ulcer items are warned per segment", "[ses_cd][warnings]") {
  // §3.1: ulcer size > 0 <=> ulcerated surface > 0, and an ulcer implies affected surface >= 1.
  auto [cells, seg, inconsistent] = GENERATE(table<std::array<int, 4>, int, bool>({
      {{2, 0, 0, 0}, 0, true},   // SES-13: size without surface
      {{0, 2, 2, 0}, 1, true},   // surface without size
      {{1, 1, 0, 0}, 2, true},   // ulcer without affected surface
      {{1, 1, 1, 0}, 3, false},  // consistent
      {{3, 3, 3, 3}, 4, false},
      {{0, 0, 3, 2}, 4, false},  // no ulcer at all
  }));
  CAPTURE(cells, seg);
  Cells c{};
  c[static_cast<std::size_t>(seg)] = cells;
  const Json out = ok(input(c));
  const std::string w = std::string("inconsistent_ulcer_items:") + kSeg[seg];
  CHECK(has_warning(out, w) == inconsistent);
  // The score is still the plain sum (a warning never changes the number).
  CHECK(out["ses_cd_total"] == cells[0] + cells[1] + cells[2] + cells[3]);
}

TEST_CASE("ses_cd: SES-13 exact output (remission with a warning)", "[ses_cd][warnings]") {
  Cells c{};
  c[0] = {2, 0, 0, 0};
  const Json out = ok(input(c));
  CHECK(out["ses_cd_total"] == 2);
  CHECK(out["ses_cd_band"] == "remission");
  CHECK(out["any_ulcer"] == true);
  CHECK(out["warnings"] == Json::array({"inconsistent_ulcer_items:ileum"}));
}

TEST_CASE("ses_cd: not_evaluated segments are left out and flagged", "[ses_cd][not_evaluated]") {
  // §3.3 / A14: sum the evaluated segments, report segments_evaluated and an incomplete warning;
  // an unreached segment is null, never 0.
  SECTION("SES-10: ileum not intubated -> 6 + 3 = 9 moderate") {
    Json in = input(Cells{{{}, {2, 2, 2, 0}, {1, 1, 1, 0}, {}, {}}});
    in["segments"]["ileum"] = {{"not_evaluated", true}};
    const Json out = ok(in);
    CHECK(out["ses_cd_total"] == 9);
    CHECK(out["ses_cd_band"] == "moderate");
    CHECK(out["segment_scores"]["ileum"].is_null());
    CHECK(out["segment_scores"]["right_colon"] == 6);
    CHECK(out["segment_scores"]["transverse_colon"] == 3);
    CHECK(out["segments_evaluated"] == 4);
    CHECK(out["complete"] == false);
    CHECK(out["max_item_score"] == 2);
    CHECK(out["warnings"] == Json::array({"incomplete_examination"}));
  }
  SECTION("only one segment examined") {
    Json in{{"segments",
             {{"ileum", {{"not_evaluated", true}}},
              {"right_colon", {{"not_evaluated", true}}},
              {"transverse_colon", {{"not_evaluated", true}}},
              {"left_colon", {{"not_evaluated", true}}},
              {"rectum", {{"ulcer_size", 1}, {"ulcerated_surface", 1}, {"affected_surface", 1},
                          {"narrowing", 0}}}}}};
    const Json out = ok(in);
    CHECK(out["ses_cd_total"] == 3);
    CHECK(out["segments_evaluated"] == 1);
    CHECK(out["complete"] == false);
  }
  SECTION("not_evaluated false means evaluated") {
    Json in = input(ses01());
    in["segments"]["ileum"]["not_evaluated"] = false;
    const Json out = ok(in);
    CHECK(out["ses_cd_total"] == 12);
    CHECK(out["complete"] == true);
    CHECK(out["warnings"] == Json::array());
  }
  SECTION("incomplete together with the other warnings") {
    Json in = input(Cells{{{}, {0, 0, 3, 3}, {0, 0, 3, 3}, {2, 0, 1, 0}, {}}});
    in["segments"]["ileum"] = {{"not_evaluated", true}};
    const Json out = ok(in);
    CHECK(has_warning(out, "incomplete_examination"));
    CHECK(has_warning(out, "more_than_one_nonpassable_stenosis"));
    CHECK(has_warning(out, "inconsistent_ulcer_items:left_colon"));
    CHECK(out["warnings"].size() == 3);
  }
}

TEST_CASE("ses_cd: each segment can be the unexamined one", "[ses_cd][not_evaluated]") {
  const int seg = GENERATE(range(0, 5));
  CAPTURE(kSeg[seg]);
  Json in = input(Cells{{{0, 0, 1, 0}, {0, 0, 1, 0}, {0, 0, 1, 0}, {0, 0, 1, 0}, {0, 0, 1, 0}}});
  in["segments"][kSeg[seg]] = {{"not_evaluated", true}};
  const Json out = ok(in);
  CHECK(out["ses_cd_total"] == 4);  // 4 evaluated segments x 1
  CHECK(out["segments_evaluated"] == 4);
  CHECK(out["complete"] == false);
  CHECK(out["segment_scores"][kSeg[seg]].is_null());
  CHECK(out["warnings"] == Json::array({"incomplete_examination"}));
}

TEST_CASE("ses_cd: typed API", "[ses_cd]") {
  crohn::sescd::Input in;
  const Cells c = ses01();
  for (std::size_t s = 0; s < 5; ++s) {
    in.segments[s].evaluated = s != 4;  // rectum not examined
    for (std::size_t i = 0; i < 4; ++i) in.segments[s].items[i] = c[s][i];
  }
  const auto r = crohn::sescd::compute(in);
  CHECK(r.total == 12);
  CHECK(r.band == crohn::Band::kModerate);
  CHECK(r.subtotals == std::array<int, 4>{3, 3, 5, 1});
  CHECK(r.segment_scores[0] == 8);
  CHECK(r.segment_scores[1] == 4);
  CHECK_FALSE(r.segment_scores[4].has_value());
  CHECK(r.excluding_narrowing == 11);
  CHECK(r.segments_evaluated == 4);
  CHECK_FALSE(r.complete);
  CHECK(r.max_item_score == 3);
  CHECK(r.any_ulcer);
  CHECK(r.warnings == std::vector<std::string>{"incomplete_examination"});
}

TEST_CASE("ses_cd: item errors have field segments and a dotted path", "[ses_cd][validation]") {
  // Conformance README: for a segment the field is the one that holds it, "segments"; the path
  // locates the cell (e.g. segments.ileum.ulcer_size).
  const int seg = GENERATE(range(0, 5));
  const int item = GENERATE(range(0, 4));
  auto [bad, code] = GENERATE(table<Json, std::string>({
      {Json(4), "out_of_range"},
      {Json(-1), "out_of_range"},
      {Json(1.5), "invalid_type"},
      {Json("2"), "invalid_type"},
      {Json(nullptr), "missing_field"},
  }));
  CAPTURE(kSeg[seg], kItem[item], bad);
  Json in = input(ses01());
  in["segments"][kSeg[seg]][kItem[item]] = bad;
  const Json out = run("ses_cd", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == "segments");
  const std::string path = std::string("segments.") + kSeg[seg] + "." + kItem[item];
  CHECK(out["errors"][0]["path"] == path);
}

TEST_CASE("ses_cd: a removed cell is missing, never zero", "[ses_cd][validation]") {
  const int item = GENERATE(range(0, 4));
  CAPTURE(kItem[item]);
  Json in = input(ses01());
  in["segments"]["right_colon"].erase(kItem[item]);
  const Json out = run("ses_cd", in);
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == "segments");
  CHECK(has_error(out, "missing_field", "segments",
                  std::string("segments.right_colon.") + kItem[item]));
}

TEST_CASE("ses_cd: structural errors", "[ses_cd][validation]") {
  SECTION("segments missing") {
    const Json out = run("ses_cd", Json::object());
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "segments");
  }
  SECTION("segments not an object") {
    const Json out = run("ses_cd", {{"segments", Json::array()}});
    CHECK(out["error"] == "invalid_type");
    CHECK(out["field"] == "segments");
  }
  SECTION("a segment missing") {
    Json in = input(ses01());
    in["segments"].erase("rectum");
    const Json out = run("ses_cd", in);
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "segments");
    CHECK(has_error(out, "missing_field", "segments", "segments.rectum"));
  }
  SECTION("a segment that is not an object") {
    Json in = input(ses01());
    in["segments"]["rectum"] = 0;
    const Json out = run("ses_cd", in);
    CHECK(out["error"] == "invalid_type");
    CHECK(has_error(out, "invalid_type", "segments", "segments.rectum"));
  }
  SECTION("an unknown segment") {
    Json in = input(ses01());
    in["segments"]["jejunum"] = {{"ulcer_size", 0}};
    const Json out = run("ses_cd", in);
    CHECK(out["error"] == "unknown_value");
    CHECK(out["field"] == "segments");
    CHECK(has_error(out, "unknown_value", "segments", "segments.jejunum"));
  }
  SECTION("an unknown key inside a segment") {
    Json in = input(ses01());
    in["segments"]["ileum"]["ulcers"] = 1;
    const Json out = run("ses_cd", in);
    CHECK(out["error"] == "unknown_value");
    CHECK(out["field"] == "segments");
    CHECK(has_error(out, "unknown_value", "segments", "segments.ileum.ulcers"));
  }
  SECTION("not_evaluated together with scores") {
    Json in = input(ses01());
    in["segments"]["ileum"]["not_evaluated"] = true;
    const Json out = run("ses_cd", in);
    REQUIRE(has_error_shape(out));
    CHECK(out["field"] == "segments");
    CHECK(out["errors"][0]["path"].get<std::string>().rfind("segments.ileum.", 0) == 0);
  }
  SECTION("not_evaluated of the wrong type") {
    Json in = input(ses01());
    in["segments"]["ileum"] = {{"not_evaluated", "yes"}};
    const Json out = run("ses_cd", in);
    CHECK(out["error"] == "invalid_type");
    CHECK(has_error(out, "invalid_type", "segments", "segments.ileum.not_evaluated"));
  }
  SECTION("no segment examined at all") {
    Json in{{"segments",
             {{"ileum", {{"not_evaluated", true}}},
              {"right_colon", {{"not_evaluated", true}}},
              {"transverse_colon", {{"not_evaluated", true}}},
              {"left_colon", {{"not_evaluated", true}}},
              {"rectum", {{"not_evaluated", true}}}}}};
    const Json out = run("ses_cd", in);
    REQUIRE(has_error_shape(out));
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "segments");
  }
  SECTION("errors in two segments are both reported") {
    Json in = input(ses01());
    in["segments"]["ileum"]["narrowing"] = 7;
    in["segments"]["rectum"]["affected_surface"] = "x";
    const Json out = run("ses_cd", in);
    CHECK(has_error(out, "out_of_range", "segments", "segments.ileum.narrowing"));
    CHECK(has_error(out, "invalid_type", "segments", "segments.rectum.affected_surface"));
  }
}
