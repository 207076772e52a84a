#pragma once
// The poster's IP region as the platforms show it, without its decoration.
//
// Contract: a pure function over untrusted bytes; no exceptions, no IO. Strips, repeatedly and in
// any order, the prefixes "发布于" (Weibo region_name), "来自" (Weibo comment source, doubled on
// weibo.cn as "来自来自河南") and "IP属地" followed by "：", ":" or a space (profile ip_location),
// and the spaces around them (ASCII, U+00A0, U+3000). The result is well-formed UTF-8.
//
// Thread safety: stateless.

#include <optional>
#include <string>
#include <string_view>

namespace koubei::normalize {

/// "发布于 北京" → "北京", "来自河南" → "河南", "IP属地：广东" → "广东", "湖北" → "湖北".
/// std::nullopt when nothing remains or the platform says "未知" (unknown).
std::optional<std::string> normalize_ip_location(std::string_view text);

}  // namespace koubei::normalize
