#pragma once
// What every platform renderer shares: the page context (world and world time), listing one page
// of a stream in the platform's order, and the display forms of counts.
//
// Thread safety: stateless helpers over an immutable World.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/http_types.hpp"
#include "sandbox/world.hpp"

namespace koubei::sandbox {

struct PageContext {
  const World& world;
  Millis now = 0;
  /// Serve the page in a changed layout (a fault): renamed keys and classes, no data lost.
  bool changed_layout = false;
};

struct PageSlice {
  std::vector<Post> posts;
  bool more = false;  ///< a further page exists (within the cap)
};

/// Posts [offset, offset + count) of a stream in [since, until) at ctx.now, newest first, or by
/// likes among the `cap` newest when `by_likes`. Nothing beyond `cap` is ever listed.
PageSlice page_of(const PageContext& ctx, PlatformId p, std::uint32_t stream, Millis since,
                  Millis until, std::size_t offset, std::size_t count, std::size_t cap,
                  bool by_likes);

/// Appends a JSON string literal.
void js(std::string& out, std::string_view s);

/// "8848", "1.2万", "3.5亿" (one decimal, rounded down, as the apps show them).
std::string wan(std::int64_t n);

/// XHS-style counts: "2401", "1.9万", "10万+" at and above 100000.
std::string xhs_count(std::int64_t n);

/// Minimal HTML escaping for text and attribute values.
void html_escape(std::string& out, std::string_view s);

/// The keyed hash of the sandbox's signatures and tokens, as 32 hex digits.
std::string keyed_hex(std::uint64_t key, std::string_view data);

}  // namespace koubei::sandbox
