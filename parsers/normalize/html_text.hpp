#pragma once
// Plain text from the HTML fragments platforms use for post bodies (Weibo `text`, Dianping
// `review-words`), and the topics inside that text.
//
// Contract: pure functions over untrusted bytes; no exceptions, no IO. They run in time linear in
// the input, never read outside it, and always return well-formed UTF-8 (invalid input sequences
// become U+FFFD). They do not build a DOM: fragments, unclosed tags and stray "<" are fine.
//
// Thread safety: stateless.

#include <string>
#include <string_view>
#include <vector>

namespace koubei::normalize {

/// The visible text of an HTML fragment, following mention.md's `text` rules:
///   - tags are removed; the text of <a> (@mentions, #topics#, link titles) is kept;
///   - <br> (any form) adds one "\n"; the boundaries of block elements (p, div, li, ul, ol, tr,
///     table, blockquote, section, article, header, footer, h1-h6, pre) ensure one "\n" without
///     adding to an existing one, so "<p>a</p><p>b</p>" is "a\nb" and "a<br><br>b" is "a\n\nb";
///   - <img alt="[哈哈]"> becomes its alt text (any quoting); an img without alt becomes nothing;
///   - <script>, <style> and comment contents are dropped; a tag cut off by the end of input is
///     dropped with everything after it (as a browser does);
///   - entities are decoded: decimal and hex numeric ones (0, surrogates and values beyond
///     U+10FFFF become U+FFFD) and the common named ones; &nbsp; is a plain space. An entity
///     without its ";" or with an unknown name stays as written;
///   - source whitespace (spaces, tabs, newlines, U+00A0, U+3000) collapses to one ASCII space;
///     spaces next to a newline are dropped; at most two newlines in a row; the result is trimmed.
///     Numeric entities for whitespace (&#10;) are source whitespace too.
std::string html_to_text(std::string_view html);

/// Plain text (no markup, no entities) under the same rules: "\n" is a line break (at most two in
/// a row), other whitespace runs collapse to one space, spaces next to a newline are dropped, the
/// result is trimmed and valid UTF-8. "<b>" and "&amp;" stay literal text.
std::string plain_to_text(std::string_view plain);

/// Topics in plain text, without delimiters, de-duplicated in first-seen order:
///   Weibo "#话题#" (the text between two "#" on one line, trimmed, 1-64 code points) and
///   Xiaohongshu "#美食[话题]#" → "美食". A "#" that does not close a valid topic opens the next one,
///   so "5# #topic#" yields "topic".
std::vector<std::string> extract_topics(std::string_view text);

}  // namespace koubei::normalize
