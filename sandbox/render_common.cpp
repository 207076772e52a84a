#include "sandbox/render_common.hpp"

#include <algorithm>
#include <cstdio>


namespace koubei::sandbox {

PageSlice page_of(const PageContext& ctx, PlatformId p, std::uint32_t stream, Millis since,
                  Millis until, std::size_t offset, std::size_t count, std::size_t cap,
                  bool by_likes) {
  PageSlice slice;
  if (offset >= cap) return slice;
  const std::size_t want = by_likes ? cap : std::min(cap, offset + count + 1);
  const std::vector<ItemKey> keys = ctx.world.list(p, stream, since, until, ctx.now, want);
  std::vector<Post> all;
  if (by_likes) {
    all.reserve(keys.size());
    for (const auto& k : keys) {
      if (auto post = ctx.world.post(p, k, ctx.now)) all.push_back(std::move(*post));
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Post& a, const Post& b) { return a.likes > b.likes; });
    for (std::size_t i = offset; i < std::min(all.size(), offset + count); ++i) {
      slice.posts.push_back(std::move(all[i]));
    }
    slice.more = all.size() > offset + count;
    return slice;
  }
  for (std::size_t i = offset; i < std::min(keys.size(), offset + count); ++i) {
    if (auto post = ctx.world.post(p, keys[i], ctx.now)) slice.posts.push_back(std::move(*post));
  }
  slice.more = keys.size() > offset + count && offset + count < cap;
  return slice;
}

void js(std::string& out, std::string_view s) {
  // The sandbox writes only its own text (generated, or scenario TOML, which toml++ checked to be
  // UTF-8), so escaping is enough; runs are copied whole.
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.substr(run, i - run));
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else {
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
    run = i + 1;
  }
  out.append(s.substr(run));
  out += '"';
}

std::string wan(std::int64_t n) {
  char buf[32];
  if (n < 10000) return std::to_string(n);
  if (n < 100000000) {
    const std::int64_t tenths = n / 1000;
    if (tenths % 10 == 0) {
      std::snprintf(buf, sizeof buf, "%lld万", static_cast<long long>(tenths / 10));
    } else {
      std::snprintf(buf, sizeof buf, "%lld.%lld万", static_cast<long long>(tenths / 10),
                    static_cast<long long>(tenths % 10));
    }
    return buf;
  }
  const std::int64_t tenths = n / 10000000;
  std::snprintf(buf, sizeof buf, "%lld.%lld亿", static_cast<long long>(tenths / 10),
                static_cast<long long>(tenths % 10));
  return buf;
}

std::string xhs_count(std::int64_t n) {
  if (n >= 100000) return "10万+";
  return wan(n);
}

void html_escape(std::string& out, std::string_view s) {
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < s.size(); ++i) {
    std::string_view rep;
    switch (s[i]) {
      case '&': rep = "&amp;"; break;
      case '<': rep = "&lt;"; break;
      case '>': rep = "&gt;"; break;
      case '"': rep = "&quot;"; break;
      default: continue;
    }
    out.append(s.substr(run, i - run));
    out.append(rep);
    run = i + 1;
  }
  out.append(s.substr(run));
}

std::string keyed_hex(std::uint64_t key, std::string_view data) {
  std::uint64_t a = mix64(key ^ 0xA5A5A5A5ULL);
  std::uint64_t b = mix64(key + 0x1234567ULL);
  for (unsigned char c : data) {
    a = mix64(a ^ c);
    b = mix64(b + c + (a >> 7));
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(mix64(a ^ b)),
                static_cast<unsigned long long>(mix64(b ^ (a << 1))));
  return buf;
}

}  // namespace koubei::sandbox
