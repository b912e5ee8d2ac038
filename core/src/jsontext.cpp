// SPDX-License-Identifier: MIT
#include "crohn/jsontext.hpp"

#include "crohn/numtext.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace crohn::jsontext {

using Json = nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// UTF-8 (Unicode 15, table 3-7): the only well-formed byte sequences.

/// Length of the well-formed UTF-8 sequence that starts at `p` (whose first byte is >= 0x80), or
/// 0 when it is ill-formed or cut short; in that case `*taken` is the length of its maximal
/// ill-formed prefix (at least 1): a lead byte followed by the continuation bytes that were
/// still allowed, which is what one U+FFFD replaces.
std::size_t utf8_sequence(const unsigned char* p, const unsigned char* end, std::size_t* taken) {
  const unsigned c = p[0];
  std::size_t len = 0;
  unsigned lo = 0x80, hi = 0xBF;  // the allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // no overlong forms
    if (c == 0xED) hi = 0x9F;  // no surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // no overlong forms
    if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
  } else {
    *taken = 1;
    return 0;
  }
  for (std::size_t i = 1; i < len; ++i) {
    if (p + i == end || p[i] < lo || p[i] > hi) {
      *taken = i;
      return 0;
    }
    lo = 0x80;
    hi = 0xBF;
  }
  return len;
}

/// Appends code point `cp` (at most U+10FFFF, not a surrogate) as UTF-8.
void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    const char b[2] = {static_cast<char>(0xC0 | (cp >> 6)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 2);
  } else if (cp < 0x10000) {
    const char b[3] = {static_cast<char>(0xE0 | (cp >> 12)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 3);
  } else {
    const char b[4] = {static_cast<char>(0xF0 | (cp >> 18)),
                       static_cast<char>(0x80 | ((cp >> 12) & 0x3F)),
                       static_cast<char>(0x80 | ((cp >> 6) & 0x3F)),
                       static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(b, 4);
  }
}

/// A byte that stands for itself inside a JSON string, both ways: printable ASCII and DEL,
/// except the quote and the backslash.
inline bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

// ---------------------------------------------------------------------------------------------
// Reading.

class Reader {
 public:
  Reader(const char* begin, const char* end)
      : p_(reinterpret_cast<const unsigned char*>(begin)),
        end_(reinterpret_cast<const unsigned char*>(end)) {}

  bool document(Json& out) {
    space();
    if (!value(out, 0)) return false;
    space();
    return p_ == end_;
  }

 private:
  void space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool take(char c) {
    if (p_ == end_ || *p_ != static_cast<unsigned char>(c)) return false;
    ++p_;
    return true;
  }

  bool literal(const char* word) {
    for (; *word != '\0'; ++word) {
      if (!take(*word)) return false;
    }
    return true;
  }

  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        ++p_;
        std::string s;
        if (!string(s)) return false;
        out = std::move(s);
        return true;
      }
      case 't':
        out = true;
        return literal("true");
      case 'f':
        out = false;
        return literal("false");
      case 'n':
        out = nullptr;
        return literal("null");
      default: return number(out);
    }
  }

  bool object(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;
    out = Json(Json::value_t::object);
    Json::object_t& members = *out.get_ptr<Json::object_t*>();
    space();
    if (take('}')) return true;
    for (;;) {
      if (!take('"')) return false;
      std::string key;
      if (!string(key)) return false;
      space();
      if (!take(':')) return false;
      space();
      // A repeated key takes the later value, as in nlohmann's DOM.
      if (!value(members[key], depth)) return false;
      space();
      if (take('}')) return true;
      if (!take(',')) return false;
      space();
    }
  }

  bool array(Json& out, int depth) {
    if (depth > kMaxDepth) return false;
    ++p_;
    out = Json(Json::value_t::array);
    Json::array_t& items = *out.get_ptr<Json::array_t*>();
    space();
    if (take(']')) return true;
    for (;;) {
      items.emplace_back(nullptr);
      if (!value(items.back(), depth)) return false;
      space();
      if (take(']')) return true;
      if (!take(',')) return false;
      space();
    }
  }

  /// The rest of a string after its opening quote, decoded into `out`.
  bool string(std::string& out) {
    const unsigned char* run = p_;  // bytes copied as they are, not yet appended
    for (;;) {
      while (p_ != end_ && plain(*p_)) ++p_;
      if (p_ == end_) return false;
      const unsigned char c = *p_;
      if (c == '"') {
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p_ - run));
        ++p_;
        return true;
      }
      if (c == '\\') {
        out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p_ - run));
        ++p_;
        if (!escape(out)) return false;
        run = p_;
        continue;
      }
      if (c < 0x20) return false;  // control characters must be escaped
      std::size_t taken = 0;
      const std::size_t len = utf8_sequence(p_, end_, &taken);
      if (len == 0) return false;
      p_ += len;
    }
  }

  /// Four hex digits of a \u escape, or -1.
  long hex4() {
    if (end_ - p_ < 4) return -1;
    long v = 0;
    for (int i = 0; i < 4; ++i) {
      const unsigned char c = *p_++;
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = v * 16 + d;
    }
    return v;
  }

  /// One escape after its backslash.
  bool escape(std::string& out) {
    if (p_ == end_) return false;
    const unsigned char c = *p_++;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    long cp = hex4();
    if (cp < 0 || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;  // a low surrogate alone
    if (cp >= 0xD800 && cp <= 0xDBFF) {                        // a high one needs a low one
      if (!take('\\') || !take('u')) return false;
      const long low = hex4();
      if (low < 0xDC00 || low > 0xDFFF) return false;
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, static_cast<unsigned>(cp));
    return true;
  }

  static bool digit(unsigned char c) { return c >= '0' && c <= '9'; }

  /// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? typed as nlohmann types it.
  bool number(Json& out) {
    const unsigned char* start = p_;
    const bool negative = take('-');
    if (p_ == end_ || !digit(*p_)) return false;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && digit(*p_)) {
        const unsigned d = *p_++ - '0';
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) overflow = true;
        magnitude = magnitude * 10 + d;
      }
    }
    bool integral = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
      integral = false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
      integral = false;
    }
    if (integral && !overflow) {
      constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;  // of INT64_MIN
      if (!negative) {
        out = magnitude;
        return true;
      }
      if (magnitude < kMinMagnitude) {
        out = -static_cast<std::int64_t>(magnitude);
        return true;
      }
      if (magnitude == kMinMagnitude) {
        out = std::numeric_limits<std::int64_t>::min();
        return true;
      }
    }
    // A fraction, an exponent or an integer out of range: the exact decimal conversion the
    // lexer's strtod gives (crohn/numtext.hpp; never the C library's here, whose decimal point
    // follows the process's locale, which nlohmann works around and an embedder may set); an
    // infinite result is nlohmann's "number overflow" error, left to it, and so
    // is a number of 64 characters or more (no buffer for it here).
    const std::size_t n = static_cast<std::size_t>(p_ - start);
    char text[64];
    if (n >= sizeof text) return false;
    std::memcpy(text, start, n);
    text[n] = '\0';
    const double x = numtext::parse_double(text, nullptr);
    if (!std::isfinite(x)) return false;
    out = x;
    return true;
  }

  const unsigned char* p_;
  const unsigned char* const end_;
};

// ---------------------------------------------------------------------------------------------
// Writing, into a buffer that grows by doubling and is cut to size at the end.

class Writer {
 public:
  Writer(std::size_t capacity, int indent) : indent_(indent) {
    buf_.resize(capacity);
    d_ = &buf_[0];
  }

  std::string finish() {
    buf_.resize(n_);
    return std::move(buf_);
  }

  /// `v` at `depth` levels of nesting (for the indentation).
  void value(const Json& v, std::size_t depth) {
    switch (v.type()) {
      case Json::value_t::object: {
        const auto& members = *v.get_ptr<const Json::object_t*>();
        if (members.empty()) return put("{}", 2);
        char sep = '{';
        for (const auto& m : members) {
          next(sep, depth + 1);
          sep = ',';
          string(m.first);
          indent_ < 0 ? put(':') : put(": ", 2);
          value(m.second, depth + 1);
        }
        return close('}', depth);
      }
      case Json::value_t::array: {
        const auto& items = *v.get_ptr<const Json::array_t*>();
        if (items.empty()) return put("[]", 2);
        char sep = '[';
        for (const Json& item : items) {
          next(sep, depth + 1);
          sep = ',';
          value(item, depth + 1);
        }
        return close(']', depth);
      }
      case Json::value_t::string: return string(*v.get_ptr<const Json::string_t*>());
      case Json::value_t::boolean:
        return *v.get_ptr<const Json::boolean_t*>() ? put("true", 4) : put("false", 5);
      case Json::value_t::number_integer: {
        const std::int64_t x = *v.get_ptr<const Json::number_integer_t*>();
        if (x >= 0) return integer(static_cast<std::uint64_t>(x));
        put('-');
        // |x| without overflow at INT64_MIN.
        return integer(static_cast<std::uint64_t>(-(x + 1)) + 1);
      }
      case Json::value_t::number_unsigned:
        return integer(*v.get_ptr<const Json::number_unsigned_t*>());
      case Json::value_t::number_float: return real(*v.get_ptr<const Json::number_float_t*>());
      case Json::value_t::binary: return binary(*v.get_ptr<const Json::binary_t*>(), depth);
      case Json::value_t::discarded: return put("<discarded>", 11);
      case Json::value_t::null:
      default: return put("null", 4);
    }
  }

 private:
  void reserve(std::size_t k) {
    if (buf_.size() - n_ >= k) return;
    buf_.resize(std::max(buf_.size() * 2, n_ + k));
    d_ = &buf_[0];
  }
  void put(char c) {
    reserve(1);
    d_[n_++] = c;
  }
  void put(const char* s, std::size_t k) {
    reserve(k);
    std::memcpy(d_ + n_, s, k);
    n_ += k;
  }

  void integer(std::uint64_t x) {
    char digits[20];
    char* q = digits + sizeof digits;
    do {
      *--q = static_cast<char>('0' + x % 10);
      x /= 10;
    } while (x != 0);
    put(q, static_cast<std::size_t>(digits + sizeof digits - q));
  }

  void real(double x) {
    if (!std::isfinite(x)) return put("null", 4);
    // nlohmann's own shortest round-trip formatting, as its serializer calls it.
    char digits[64];
    const char* end = nlohmann::detail::to_chars(digits, digits + sizeof digits, x);
    put(digits, static_cast<std::size_t>(end - digits));
  }

  /// The separator before an item (the bracket before the first) and, when indenting, a new
  /// line and the item's indentation.
  void next(char separator, std::size_t depth) {
    put(separator);
    if (indent_ >= 0) line(depth);
  }
  void close(char bracket, std::size_t depth) {
    if (indent_ >= 0) line(depth);
    put(bracket);
  }
  void line(std::size_t depth) {
    const std::size_t width = depth * static_cast<std::size_t>(indent_);
    reserve(width + 1);
    d_[n_++] = '\n';
    std::memset(d_ + n_, ' ', width);
    n_ += width;
  }

  /// nlohmann's form of a binary value: {"bytes":[...],"subtype":n or null}.
  void binary(const Json::binary_t& b, std::size_t depth) {
    const bool pretty = indent_ >= 0;
    next('{', depth + 1);
    pretty ? put("\"bytes\": [", 10) : put("\"bytes\":[", 9);
    for (std::size_t i = 0; i < b.size(); ++i) {
      if (i > 0) pretty ? put(", ", 2) : put(',');
      integer(b[i]);
    }
    put(']');
    next(',', depth + 1);
    pretty ? put("\"subtype\": ", 11) : put("\"subtype\":", 10);
    b.has_subtype() ? integer(b.subtype()) : put("null", 4);
    close('}', depth);
  }

  /// A string in quotes: plain runs copied whole, the quote, the backslash and control
  /// characters escaped (\b \t \n \f \r or \u00xx), well-formed UTF-8 copied, and each maximal
  /// ill-formed subsequence replaced by U+FFFD, as nlohmann's replace handler does.
  void string(const std::string& s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const unsigned char* const end = p + s.size();
    reserve(s.size() + 2);
    d_[n_++] = '"';
    const unsigned char* run = p;
    for (;;) {
      while (p != end && plain(*p)) ++p;
      put(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
      if (p == end) break;
      const unsigned char c = *p;
      if (c >= 0x80) {
        std::size_t taken = 0;
        const std::size_t len = utf8_sequence(p, end, &taken);
        run = p;
        if (len != 0) {
          p += len;
          continue;  // stays in the run
        }
        put("\xEF\xBF\xBD", 3);
        p += taken;
        run = p;
        continue;
      }
      ++p;
      run = p;
      escaped(c);
    }
    put('"');
  }

  void escaped(unsigned char c) {
    char e[6] = {'\\', 0, 0, 0, 0, 0};
    switch (c) {
      case '"': e[1] = '"'; break;
      case '\\': e[1] = '\\'; break;
      case '\b': e[1] = 'b'; break;
      case '\t': e[1] = 't'; break;
      case '\n': e[1] = 'n'; break;
      case '\f': e[1] = 'f'; break;
      case '\r': e[1] = 'r'; break;
      default: {
        static const char kHex[] = "0123456789abcdef";
        e[1] = 'u';
        e[2] = '0';
        e[3] = '0';
        e[4] = kHex[c >> 4];
        e[5] = kHex[c & 0xF];
        return put(e, 6);
      }
    }
    put(e, 2);
  }

  const int indent_;  // spaces per level, or -1 for compact text
  std::string buf_;
  char* d_ = nullptr;
  std::size_t n_ = 0;
};

}  // namespace

bool parse(std::string_view text, Json& out) {
  Reader reader(text.data(), text.data() + text.size());
  return reader.document(out);
}

std::string write(const Json& value, int indent) {
  Writer writer(1024, indent);
  writer.value(value, 0);
  return writer.finish();
}

}  // namespace crohn::jsontext
