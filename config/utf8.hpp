#pragma once
// UTF-8 helpers shared by the normalizers, the record writer and the JSON log (they live in
// config/ because every component links it).
//
// Platform pages are untrusted bytes: every function here accepts arbitrary input and never reads
// past its end. Invalid sequences (overlong forms, surrogates, code points above U+10FFFF, stray
// continuation bytes, truncated sequences) decode as one U+FFFD per maximal invalid subpart, the
// substitution the Unicode standard recommends (§3.9, "U+FFFD Substitution of Maximal Subparts").

#include <cstddef>
#include <string>
#include <string_view>

namespace koubei::text {

inline constexpr char32_t kReplacementChar = 0xFFFD;

/// Decodes the code point starting at in[pos] and advances pos past it. On an invalid sequence it
/// returns kReplacementChar and advances past the maximal invalid subpart (at least one byte).
/// REQUIRES: pos < in.size().
char32_t decode_utf8(std::string_view in, std::size_t& pos);

/// Appends the UTF-8 encoding of cp (surrogates and values > U+10FFFF become U+FFFD).
void append_utf8(std::string& out, char32_t cp);

/// True when the whole input is well-formed UTF-8.
bool is_valid_utf8(std::string_view in);

/// The input with every invalid sequence replaced by U+FFFD. Returns the input unchanged (one copy)
/// when it is already valid.
std::string sanitize_utf8(std::string_view in);

}  // namespace koubei::text
