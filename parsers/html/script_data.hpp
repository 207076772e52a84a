#pragma once
// JSON embedded in HTML pages, cut out by string search so that no HTML parser has to see the
// page (a Gumbo parse of a 500 KB page costs far more than reading the JSON inside it).
//
//   Xiaohongshu  <script>window.__INITIAL_STATE__={…}</script>   JS object with bare `undefined`
//   Douyin       <script id="RENDER_DATA" type="application/json">%7B…%7D</script>   url-encoded
//   Weibo        var $render_data = [{…}][0] || {};
//
// Pure functions over untrusted bytes; linear time; nothing is read outside the input.

#include <optional>
#include <string>
#include <string_view>

namespace koubei::parsers::html {

/// The balanced {…} or […] value that starts at the first '{' or '[' after `marker` (skipping
/// spaces), honouring JS string literals ('…', "…", with escapes) so braces inside strings do not
/// count. nullopt when the marker is absent or the value is not closed before the input ends.
std::optional<std::string_view> find_js_value(std::string_view page, std::string_view marker);

/// A JS object literal made JSON: bare `undefined` (outside strings, as a whole word) becomes
/// `null`. Everything else is copied as is; simdjson will reject what is not JSON.
std::string js_to_json(std::string_view js);

/// The text content of the first <script …id="ID"…> element (attribute quoted with " or ').
std::optional<std::string_view> script_by_id(std::string_view page, std::string_view id);

/// Percent-decoding ("%7B%22a%22" → {"a"); '+' stays '+' (encodeURIComponent output). An invalid
/// escape is kept literally.
std::string url_decode(std::string_view encoded);

}  // namespace koubei::parsers::html
