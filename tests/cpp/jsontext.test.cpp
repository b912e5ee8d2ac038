// SPDX-License-Identifier: MIT
// The fast JSON reader and writer (crohn/jsontext.hpp) against nlohmann/json itself: the writer
// must give Json::dump()'s text with the replace handler byte for byte, the reader nlohmann's DOM
// with the same number types, or decline so that parse_json falls back to nlohmann and keeps its
// message. Generated and mutated cases from fixed seeds.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/evaluate.hpp"
#include "crohn/jsontext.hpp"
#include "test_support.hpp"
#include "vectors_text.hpp"

using crohn_test::Json;

namespace {

/// Equal DOMs, strictly: the same types (signed, unsigned and float numbers are different here,
/// unlike Json::operator==), floats bit for bit (so -0.0 is not 0.0), objects in the same order.
bool same(const Json& a, const Json& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case Json::value_t::object: {
      if (a.size() != b.size()) return false;
      for (auto i = a.begin(), j = b.begin(); i != a.end(); ++i, ++j) {
        if (i.key() != j.key() || !same(i.value(), j.value())) return false;
      }
      return true;
    }
    case Json::value_t::array: {
      if (a.size() != b.size()) return false;
      for (std::size_t i = 0; i < a.size(); ++i) {
        if (!same(a[i], b[i])) return false;
      }
      return true;
    }
    case Json::value_t::number_float: {
      const double x = a.get<double>(), y = b.get<double>();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case Json::value_t::discarded: return true;  // (operator== is false for discarded values)
    default: return a == b;
  }
}

/// Deterministic choices (mt19937_64's output is fixed by the standard, its distributions are not).
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t bits() { return engine_(); }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(engine_() % n); }
  bool chance(unsigned percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& from) {
    return from[below(from.size())];
  }

 private:
  std::mt19937_64 engine_;
};

/// Bytes that matter to JSON strings and UTF-8: every kind of lead and continuation byte, the
/// edges of the ranges table 3-7 allows, control characters, the quote and the backslash.
const std::vector<unsigned char> kEdgeBytes = {
    0x00, 0x01, 0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1F, 0x20, '"',  '\\', '/',  'a',  0x7E,
    0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC,
    0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFE, 0xFF};

std::string utf8(std::uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

/// A code point from every UTF-8 length, near the ends of the ranges and the surrogates.
std::uint32_t code_point(Random& r) {
  static const std::vector<std::uint32_t> edges = {0x7F, 0x80, 0x7FF, 0x800, 0xFFF, 0x1000,
                                                   0xD7FF, 0xE000, 0xFFFD, 0xFFFF, 0x10000,
                                                   0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF};
  if (r.chance(30)) return r.pick(edges);
  switch (r.below(4)) {
    case 0: return static_cast<std::uint32_t>(0x80 + r.below(0x780));
    case 1: return static_cast<std::uint32_t>(0x800 + r.below(0xD000));
    case 2: return static_cast<std::uint32_t>(0xE000 + r.below(0x2000));
    default: return static_cast<std::uint32_t>(0x10000 + r.below(0x100000));
  }
}

/// String content: plain words, escapes-to-be, well-formed UTF-8, ill-formed and cut sequences.
std::string random_bytes(Random& r) {
  std::string s;
  const std::size_t n = r.below(14);
  for (std::size_t i = 0; i < n; ++i) {
    switch (r.below(6)) {
      case 0: s += "word"; break;
      case 1: s += static_cast<char>(0x20 + r.below(0x60)); break;
      case 2: s += static_cast<char>(r.pick(kEdgeBytes)); break;
      case 3: s += static_cast<char>(r.below(256)); break;
      case 4: s += utf8(code_point(r)); break;
      default: {
        const std::string cp = utf8(code_point(r));  // a sequence cut short
        s += cp.substr(0, 1 + r.below(cp.size()));
        break;
      }
    }
  }
  return s;
}

double random_double(Random& r) {
  static const std::vector<double> edges = {
      0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1e-9, 149.5, 285.2857142857143, 1e21, 1e22, 1e-7, 1e-5,
      9007199254740993.0, std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
      std::numeric_limits<double>::denorm_min(), -std::numeric_limits<double>::max(),
      std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
      std::numeric_limits<double>::quiet_NaN(), 18446744073709551616.0, -9223372036854775808.0};
  switch (r.below(4)) {
    case 0: return r.pick(edges);
    case 1: {  // any bit pattern: denormals, NaNs, infinities, every exponent
      const std::uint64_t b = r.bits();
      double x;
      std::memcpy(&x, &b, sizeof x);
      return x;
    }
    case 2: return static_cast<double>(static_cast<std::int64_t>(r.bits() % 2000001) - 1000000) / 100.0;
    default: return std::ldexp(static_cast<double>(r.bits() % 1000003), static_cast<int>(r.below(200)) - 100);
  }
}

Json random_integer(Random& r) {
  static const std::vector<std::int64_t> signed_edges = {
      0, 1, -1, 9, 10, -10, 99, 100, 12345, -12345, std::numeric_limits<std::int64_t>::min(),
      std::numeric_limits<std::int64_t>::min() + 1, std::numeric_limits<std::int64_t>::max()};
  static const std::vector<std::uint64_t> unsigned_edges = {
      0, 1, 9, 10, 9999999999999999999u, 10000000000000000000u,
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) + 1,
      std::numeric_limits<std::uint64_t>::max()};
  switch (r.below(4)) {
    case 0: return r.pick(signed_edges);
    case 1: return r.pick(unsigned_edges);
    case 2: return static_cast<std::int64_t>(r.bits() >> r.below(64));
    default: return r.bits() >> r.below(64);
  }
}

Json random_dom(Random& r, int depth) {
  const std::size_t kinds = depth >= 4 ? 6 : 8;
  switch (r.below(kinds)) {
    case 0: return nullptr;
    case 1: return r.chance(50);
    case 2: return random_integer(r);
    case 3: return random_double(r);
    case 4:
    case 5: return random_bytes(r);
    case 6: {
      Json a = Json::array();
      const std::size_t n = r.below(6);
      for (std::size_t i = 0; i < n; ++i) a.push_back(random_dom(r, depth + 1));
      if (r.chance(3)) a.push_back(Json::binary(std::vector<std::uint8_t>{1, 2, 255}, r.below(3)));
      if (r.chance(3)) a.push_back(Json::binary(std::vector<std::uint8_t>{}));
      if (r.chance(2)) a.push_back(Json(Json::value_t::discarded));
      return a;
    }
    default: {
      Json o = Json::object();
      const std::size_t n = r.below(6);
      for (std::size_t i = 0; i < n; ++i) o[random_bytes(r)] = random_dom(r, depth + 1);
      return o;
    }
  }
}

std::string nlohmann_text(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

/// Any bytes, printable in a failure message.
std::string shown(const std::string& bytes) {
  return Json(bytes).dump(-1, ' ', true, Json::error_handler_t::replace);
}

// ------------------------------------------------------------------------------------------------
// Text for the reader: mostly valid, with every kind of near miss.

void spaces(Random& r, std::string& out) {
  static const std::vector<std::string> ws = {"", "", "", " ", "\n", "\t", "\r\n", "  "};
  static const std::vector<std::string> bad = {"\f", "\v", std::string(1, '\0'), "\xC2\xA0", "/**/"};
  out += r.chance(2) ? r.pick(bad) : r.pick(ws);
}

void string_text(Random& r, std::string& out) {
  static const std::vector<std::string> escapes = {
      "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000", "\\u001f", "\\u0041",
      "\\u00e9", "\\u00E9", "\\u20AC", "\\uFFFF", "\\ud83d\\ude00", "\\uD83D\\uDE00",
      "\\udbff\\udfff", "\\ud800\\udc00"};
  static const std::vector<std::string> bad_escapes = {
      "\\x", "\\U0041", "\\u12", "\\u12g4", "\\ud800", "\\ud800x", "\\ud800\\n", "\\ud800\\u0041",
      "\\udc00", "\\udfff\\ud800", "\\", "\\'", "\\0"};
  out += '"';
  const std::size_t n = r.below(8);
  for (std::size_t i = 0; i < n; ++i) {
    switch (r.below(5)) {
      case 0: out += r.chance(8) ? r.pick(bad_escapes) : r.pick(escapes); break;
      case 1: {
        std::string raw = random_bytes(r);
        out += raw;
        break;
      }
      case 2: out += utf8(code_point(r)); break;
      default: out += "abc XYZ-09"; break;
    }
  }
  if (!r.chance(2)) out += '"';
}

void number_text(Random& r, std::string& out) {
  static const std::vector<std::string> whole = {
      "0", "1", "7", "42", "149", "00", "01", "-", "9007199254740993", "18446744073709551615",
      "18446744073709551616", "99999999999999999999", "9223372036854775807",
      "9223372036854775808", "123456789012345678901234567890"};
  static const std::vector<std::string> fractions = {".5", ".0", ".25", ".", ".e1", ".1234567890123456789"};
  static const std::vector<std::string> exponents = {"e1", "E2", "e+3", "e-4", "e", "e+", "E-0",
                                                     "e308", "e309", "e-324", "e-400", "e400", "e0001"};
  if (r.chance(35)) out += '-';
  if (r.chance(3)) out += '+';
  out += r.pick(whole);
  if (r.chance(30)) out += r.pick(fractions);
  if (r.chance(25)) out += r.pick(exponents);
}

void value_text(Random& r, std::string& out, int depth) {
  static const std::vector<std::string> literals = {"true", "false", "null", "tru", "nul",
                                                    "True", "NaN", "Infinity", "falsey"};
  const std::size_t kinds = depth >= 5 ? 3 : 5;
  switch (r.below(kinds)) {
    case 0: out += r.chance(10) ? r.pick(literals) : std::string(r.chance(50) ? "true" : "null"); break;
    case 1: number_text(r, out); break;
    case 2: string_text(r, out); break;
    case 3: {
      out += '[';
      const std::size_t n = r.below(5);
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && !r.chance(2)) out += ',';
        spaces(r, out);
        value_text(r, out, depth + 1);
        spaces(r, out);
      }
      if (n > 0 && r.chance(2)) out += ',';
      if (!r.chance(2)) out += ']';
      break;
    }
    default: {
      out += '{';
      const std::size_t n = r.below(5);
      std::vector<std::string> keys;
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && !r.chance(2)) out += ',';
        spaces(r, out);
        if (!keys.empty() && r.chance(15)) {
          out += keys[r.below(keys.size())];  // a repeated key: the last one wins
        } else {
          std::string key;
          if (r.chance(3)) {
            number_text(r, key);  // not a string: rejected
          } else {
            string_text(r, key);
          }
          keys.push_back(key);
          out += key;
        }
        spaces(r, out);
        if (!r.chance(2)) out += ':';
        spaces(r, out);
        value_text(r, out, depth + 1);
        spaces(r, out);
      }
      if (!r.chance(2)) out += '}';
      break;
    }
  }
}

/// One to three random edits: a byte replaced, inserted or removed, a cut, a repeated span.
std::string mutate(Random& r, std::string text) {
  static const std::string kInsert = std::string("{}[]:,\"\\ -+.eE0129tfnu\t\n", 24) + '\0' + "\x80\xC3\xE2\xF0\xFF";
  const std::size_t edits = 1 + r.below(3);
  for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = r.below(text.size());
    switch (r.below(5)) {
      case 0: text[at] = kInsert[r.below(kInsert.size())]; break;
      case 1: text.insert(at, 1, kInsert[r.below(kInsert.size())]); break;
      case 2: text.erase(at, 1); break;
      case 3: text.resize(at); break;
      default: {
        const std::size_t len = 1 + r.below(std::min<std::size_t>(8, text.size() - at));
        text.insert(at, text.substr(at, len));
        break;
      }
    }
  }
  return text;
}

/// Every sequence of up to two edge bytes, three-byte ones ending in a few telling bytes, and
/// four-byte ones from a fixed seed: each UTF-8 lead with each continuation, cut short, or
/// followed by what ends it.
std::vector<std::string> edge_strings() {
  std::vector<std::string> strings = {""};
  for (unsigned char a : kEdgeBytes) {
    strings.emplace_back(1, static_cast<char>(a));
    for (unsigned char b : kEdgeBytes) {
      strings.push_back(std::string{static_cast<char>(a), static_cast<char>(b)});
      for (unsigned c : {0x41u, 0x80u, 0x90u, 0xA0u, 0xBFu, 0xC2u, 0xE0u}) {
        strings.push_back(std::string{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)});
      }
    }
  }
  Random r(7);
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (int k = 0; k < 4; ++k) s += static_cast<char>(r.pick(kEdgeBytes));
    strings.push_back(s);
  }
  return strings;
}

/// Outcome counts of the reader checks, so that a test can insist that both paths were taken.
struct Tally {
  std::size_t fast = 0;      // read by jsontext::parse
  std::size_t declined = 0;  // declined, nlohmann accepted (the same DOM through parse_json)
  std::size_t rejected = 0;  // rejected by both
};

/// nlohmann's DOM parser, keeping the message of the error it reports to its SAX handler (not
/// thrown: the wasm build has JSON_NOEXCEPTION, so a throw would abort).
class NlohmannReader : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit NlohmannReader(Json& result) : json_sax_dom_parser(result, false) {}
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
    message = ex.what();
    return json_sax_dom_parser::parse_error(position, token, ex);
  }
  std::string message;
};

/// The reader on `text` against nlohmann's parser: an accepted text must give nlohmann's DOM;
/// whatever it declines, parse_json must answer as nlohmann does, message included.
void check_reader(const std::string& text, Tally& tally) {
  Json expected;
  std::string expected_message;
  NlohmannReader reference(expected);
  if (!Json::sax_parse(text, &reference) || reference.is_errored()) {
    expected = Json(Json::value_t::discarded);
    expected_message = reference.message;
    const std::string prefix = "[json.exception.parse_error.101] ";
    if (expected_message.rfind(prefix, 0) == 0) expected_message.erase(0, prefix.size());
  }
  Json fast;
  const bool read = crohn::jsontext::parse(text, fast);
  std::string message;
  const Json got = crohn::parse_json(text, message);
  if (read) {
    ++tally.fast;
    if (expected.is_discarded() || !same(fast, expected)) {
      FAIL_CHECK("jsontext::parse accepted " << shown(text) << " as " << nlohmann_text(fast)
                                             << "; nlohmann: " << nlohmann_text(expected) << " "
                                             << expected_message);
    }
  } else if (expected.is_discarded()) {
    ++tally.rejected;
  } else {
    ++tally.declined;
  }
  if (!same(got, expected) || message != expected_message) {
    FAIL_CHECK("parse_json(" << shown(text) << ") = " << nlohmann_text(got) << " " << message
                             << "; nlohmann: " << nlohmann_text(expected) << " " << expected_message);
  }
}

}  // namespace

TEST_CASE("jsontext: the writer writes what Json::dump writes, for generated DOMs", "[jsontext]") {
  // Compact, as every response is written, and indented, as the CLI prints.
  Random r(20240611);
  std::size_t checked = 0, replaced = 0;
  for (int i = 0; i < 4000; ++i) {
    const Json dom = random_dom(r, 0);
    const std::string expected = nlohmann_text(dom);
    const std::string got = crohn::jsontext::write(dom);
    if (got != expected) {
      FAIL_CHECK("dom " << i << ": jsontext::write gave " << shown(got) << ", Json::dump " << shown(expected));
    }
    CHECK(crohn::dump_json(dom) == expected);
    const int indent = i % 5;  // 0 to 4 spaces: a new line per item, indented
    const std::string indented = dom.dump(indent, ' ', false, Json::error_handler_t::replace);
    if (crohn::dump_json(dom, indent) != indented) {
      FAIL_CHECK("dom " << i << ", indent " << indent << ": dump_json gave " << shown(crohn::dump_json(dom, indent))
                        << ", Json::dump " << shown(indented));
    }
    ++checked;
    if (expected.find("\xEF\xBF\xBD") != std::string::npos) ++replaced;
  }
  CHECK(checked == 4000);
  CHECK(replaced > 500);  // the ill-formed UTF-8 path was taken many times
}

TEST_CASE("jsontext: the writer on strings of edge bytes, one to four bytes long", "[jsontext]") {
  for (const std::string& s : edge_strings()) {
    const Json dom = Json::array({s, Json{{s, s}}});
    const std::string expected = nlohmann_text(dom);
    if (crohn::jsontext::write(dom) != expected) {
      FAIL_CHECK("string " << shown(s) << ": jsontext::write gave " << shown(crohn::jsontext::write(dom)));
    }
  }
  // Escapes as nlohmann writes them: short forms and lowercase \u00xx, DEL as it is.
  CHECK(crohn::jsontext::write(Json(std::string("\"\\\b\f\n\r\t\x01\x1f\x7f/", 11))) ==
        "\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\x7f/\"");
  CHECK(crohn::jsontext::write(Json(std::string("a\xE0\x80z"))) == "\"a\xEF\xBF\xBD\xEF\xBF\xBDz\"");
}

TEST_CASE("jsontext: numbers are written as nlohmann writes them", "[jsontext]") {
  CHECK(crohn::jsontext::write(Json(std::numeric_limits<std::int64_t>::min())) == "-9223372036854775808");
  CHECK(crohn::jsontext::write(Json(std::numeric_limits<std::uint64_t>::max())) == "18446744073709551615");
  CHECK(crohn::jsontext::write(Json(0)) == "0");
  CHECK(crohn::jsontext::write(Json(-0.0)) == "-0.0");
  CHECK(crohn::jsontext::write(Json(2.0)) == "2.0");
  CHECK(crohn::jsontext::write(Json(0.1)) == "0.1");
  CHECK(crohn::jsontext::write(Json(1e300)) == "1e+300");
  CHECK(crohn::jsontext::write(Json(std::nan(""))) == "null");
  CHECK(crohn::jsontext::write(Json(-std::numeric_limits<double>::infinity())) == "null");
  // Output longer than the first buffer grows without loss.
  Json big = Json::array();
  for (int i = 0; i < 5000; ++i) big.push_back(std::to_string(i) + " \xC3\xA9\n");
  CHECK(crohn::jsontext::write(big) == nlohmann_text(big));
}

TEST_CASE("jsontext: the reader builds nlohmann's DOM from generated text", "[jsontext]") {
  Random r(8259);
  Tally tally;
  for (int i = 0; i < 5000; ++i) {
    std::string text;
    spaces(r, text);
    value_text(r, text, 0);
    spaces(r, text);
    check_reader(text, tally);
  }
  INFO("fast " << tally.fast << ", declined " << tally.declined << ", rejected " << tally.rejected);
  CHECK(tally.fast > 1500);
  CHECK(tally.rejected > 1000);
  CHECK(tally.declined > 0);  // a NUL after the value, which nlohmann takes for the end
}

TEST_CASE("jsontext: the reader on the text of generated DOMs, compact and indented", "[jsontext]") {
  Random r(1);
  Tally tally;
  for (int i = 0; i < 1500; ++i) {
    const Json dom = random_dom(r, 0);
    check_reader(nlohmann_text(dom), tally);
    check_reader(dom.dump(1 + static_cast<int>(r.below(3)), ' ', r.chance(50), Json::error_handler_t::replace), tally);
  }
  INFO("fast " << tally.fast << ", declined " << tally.declined << ", rejected " << tally.rejected);
  CHECK(tally.fast > 2500);  // only texts holding <discarded> or a non-finite null are not JSON
}

TEST_CASE("jsontext: the reader on the conformance vectors and their mutations", "[jsontext]") {
  std::vector<std::string> texts = {crohn_test::kVectorsText};
  const Json vectors = Json::parse(crohn_test::kVectorsText, nullptr, false);
  REQUIRE(vectors.is_array());
  for (const Json& v : vectors) {
    const Json request = {{"instrument", v["instrument"]}, {"inputs", v["inputs"]}};
    texts.push_back(request.dump());
    texts.push_back(request.dump(2));
  }
  Tally tally;
  for (const std::string& t : texts) check_reader(t, tally);
  CHECK(tally.fast == texts.size());
  Random r(2023);
  for (int i = 0; i < 4000; ++i) check_reader(mutate(r, r.pick(texts)), tally);
  INFO("fast " << tally.fast << ", declined " << tally.declined << ", rejected " << tally.rejected);
  CHECK(tally.rejected > 1000);
  CHECK(tally.fast > texts.size() + 500);
}

TEST_CASE("jsontext: the reader on strings of edge bytes, raw and escaped", "[jsontext]") {
  Tally tally;
  for (const std::string& s : edge_strings()) {
    check_reader('"' + s + '"', tally);
    check_reader('"' + s + "\\u00e9\\" + s + '"', tally);
  }
  INFO("fast " << tally.fast << ", declined " << tally.declined << ", rejected " << tally.rejected);
  CHECK(tally.fast > 200);
  CHECK(tally.rejected > 10000);
}

TEST_CASE("jsontext: the reader's number types and edge cases", "[jsontext]") {
  Tally tally;
  // Each of these through the differential check, then a few types spelt out.
  for (const char* t : {"0", "-0", "-0.0", "0e0", "1E+2", "-1e-2", "18446744073709551615",
                        "18446744073709551616", "-9223372036854775808", "-9223372036854775809",
                        "9223372036854775808", "1e400", "-1e400", "1e-400", "4.9e-324",
                        "2.2250738585072011e-308", "0.1", "01", "-", "1.", ".1", "+1", "1e",
                        "\xEF\xBB\xBF[1]", "\xEF\xBB[1]", "", " ", "[] []", "{\"a\":1,\"a\":[2]}",
                        "{\"a\":{\"b\":1},\"a\":{\"c\":2}}", "\"\\u0000\"", "\"\\uD834\\uDD1E\"",
                        "\"\\uDD1E\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"", "\"\xC0\xAF\"",
                        "\"\x7F\"", "[1,]", "{,}", "{\"a\" 1}", "nul", "truex", "[\"a\"\t,\r\n\"b\"]"}) {
    check_reader(t, tally);
  }
  check_reader(std::string("[1]\0 junk", 9), tally);
  Json j;
  REQUIRE(crohn::jsontext::parse("[0, -0, 18446744073709551615, -9223372036854775808, 1.0, 1e2]", j));
  CHECK(j[0].is_number_unsigned());
  CHECK(j[1].is_number_integer());
  CHECK_FALSE(j[1].is_number_unsigned());
  CHECK(j[2].get<std::uint64_t>() == std::numeric_limits<std::uint64_t>::max());
  CHECK(j[3].get<std::int64_t>() == std::numeric_limits<std::int64_t>::min());
  CHECK(j[4].is_number_float());
  CHECK(j[5].is_number_float());
  REQUIRE(crohn::jsontext::parse("{\"k\": 1, \"k\": \"last\"}", j));
  CHECK(j == Json{{"k", "last"}});
}

TEST_CASE("jsontext: nesting deeper than the reader's limit goes to nlohmann", "[jsontext]") {
  auto nested = [](int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
  };
  Json j;
  CHECK(crohn::jsontext::parse(nested(crohn::jsontext::kMaxDepth), j));
  CHECK_FALSE(crohn::jsontext::parse(nested(crohn::jsontext::kMaxDepth + 1), j));
  Tally tally;
  check_reader(nested(crohn::jsontext::kMaxDepth + 1), tally);
  check_reader(nested(1000), tally);
  check_reader(std::string(1000, '['), tally);
  CHECK(tally.declined == 2);
  CHECK(tally.rejected == 1);
}
