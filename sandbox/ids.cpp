#include "sandbox/ids.hpp"

#include <cstdio>

namespace koubei::sandbox {
namespace {

bool read_num(std::string_view s, std::size_t pos, std::size_t n, int base, std::uint32_t& out) {
  if (pos + n > s.size()) return false;
  std::uint64_t v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    const char c = s[i];
    int d = -1;
    if (c >= '0' && c <= '9') d = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
    if (d < 0 || d >= base) return false;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
  }
  out = static_cast<std::uint32_t>(v);
  return true;
}

void append_digits(std::string& out, std::uint32_t v, int width) {
  char buf[12];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

// prefix + stream (5 digits) + bucket (6) + index (3); hot in every page, so no printf.
std::string decimal_key(const char* prefix, const ItemKey& k) {
  std::string out(prefix);
  out.reserve(out.size() + 18);
  append_digits(out, k.stream, 5);
  append_digits(out, k.bucket, 6);
  append_digits(out, k.index, 3);
  return out;
}

bool parse_decimal_key(std::string_view id, std::string_view prefix, ItemKey& k) {
  if (!id.starts_with(prefix)) return false;
  const std::size_t p = prefix.size();
  return read_num(id, p, 5, 10, k.stream) && read_num(id, p + 5, 6, 10, k.bucket) &&
         read_num(id, p + 11, 3, 10, k.index);
}

constexpr std::string_view kXhsNote = "6741b2c5";
constexpr std::string_view kXhsComment = "6742a0";
constexpr std::string_view kXhsUser = "5c80c3ff";
constexpr std::string_view kSecUid = "MS4wLjABAAAAsbx";

}  // namespace

std::string post_id(PlatformId p, const ItemKey& key) {
  char buf[48];
  switch (p) {
    case PlatformId::kWeibo:
      return decimal_key("4", key);
    case PlatformId::kXiaohongshu:
      std::snprintf(buf, sizeof buf, "%s%05x%06x%05x", kXhsNote.data(), key.stream, key.bucket,
                    key.index);
      return buf;
    case PlatformId::kDouyin:
      return decimal_key("74", key) + "000";
    case PlatformId::kDianping:
      return decimal_key("8", key);
  }
  return {};
}

std::optional<ItemKey> parse_post_id(PlatformId p, std::string_view id) {
  ItemKey k;
  bool ok = false;
  switch (p) {
    case PlatformId::kWeibo:
      ok = id.size() == 15 && parse_decimal_key(id, "4", k);
      break;
    case PlatformId::kXiaohongshu:
      ok = id.size() == 24 && id.starts_with(kXhsNote) && read_num(id, 8, 5, 16, k.stream) &&
           read_num(id, 13, 6, 16, k.bucket) && read_num(id, 19, 5, 16, k.index);
      break;
    case PlatformId::kDouyin:
      ok = id.size() == 19 && id.ends_with("000") && parse_decimal_key(id, "74", k);
      break;
    case PlatformId::kDianping:
      ok = id.size() == 15 && parse_decimal_key(id, "8", k);
      break;
  }
  if (!ok) return std::nullopt;
  return k;
}

std::string comment_id(PlatformId p, const ItemKey& post, std::uint32_t index,
                       std::uint32_t reply) {
  char buf[64];
  switch (p) {
    case PlatformId::kXiaohongshu:
      std::snprintf(buf, sizeof buf, "%s%05x%06x%03x%03x%01x", kXhsComment.data(), post.stream,
                    post.bucket, post.index, index, reply);
      return buf;
    case PlatformId::kDouyin:
      std::snprintf(buf, sizeof buf, "%03u%01u", index, reply);
      return decimal_key("75", post) + buf;
    default:
      std::snprintf(buf, sizeof buf, "%03u%01u", index, reply);
      return decimal_key("5", post) + buf;
  }
}

std::optional<CommentKey> parse_comment_id(PlatformId p, std::string_view id) {
  CommentKey c;
  bool ok = false;
  switch (p) {
    case PlatformId::kXiaohongshu:
      ok = id.size() == 24 && id.starts_with(kXhsComment) && read_num(id, 6, 5, 16, c.post.stream) &&
           read_num(id, 11, 6, 16, c.post.bucket) && read_num(id, 17, 3, 16, c.post.index) &&
           read_num(id, 20, 3, 16, c.index) && read_num(id, 23, 1, 16, c.reply);
      break;
    case PlatformId::kDouyin:
      ok = id.size() == 20 && parse_decimal_key(id, "75", c.post) && read_num(id, 16, 3, 10, c.index) &&
           read_num(id, 19, 1, 10, c.reply);
      break;
    default:
      ok = id.size() == 19 && parse_decimal_key(id, "5", c.post) && read_num(id, 15, 3, 10, c.index) &&
           read_num(id, 18, 1, 10, c.reply);
      break;
  }
  if (!ok) return std::nullopt;
  return c;
}

std::string author_id(PlatformId p, std::uint32_t index) {
  char buf[48];
  switch (p) {
    case PlatformId::kWeibo:
      return std::to_string(5000000000ULL + index);
    case PlatformId::kXiaohongshu:
      std::snprintf(buf, sizeof buf, "%s%016x", kXhsUser.data(), index);
      return buf;
    case PlatformId::kDouyin:
      std::snprintf(buf, sizeof buf, "%s%010u", kSecUid.data(), index);
      return buf;
    case PlatformId::kDianping:
      return std::to_string(100000000ULL + index);
  }
  return {};
}

std::optional<std::uint32_t> parse_author_id(PlatformId p, std::string_view id) {
  std::uint32_t v = 0;
  switch (p) {
    case PlatformId::kWeibo: {
      std::uint32_t low = 0;
      if (id.size() != 10 || !id.starts_with("5") || !read_num(id, 1, 9, 10, low)) return std::nullopt;
      return low;
    }
    case PlatformId::kXiaohongshu:
      if (id.size() != 24 || !id.starts_with(kXhsUser) || !read_num(id, 8, 16, 16, v)) return std::nullopt;
      return v;
    case PlatformId::kDouyin:
      if (id.size() != kSecUid.size() + 10 || !id.starts_with(kSecUid) ||
          !read_num(id, kSecUid.size(), 10, 10, v)) {
        return std::nullopt;
      }
      return v;
    case PlatformId::kDianping: {
      std::uint32_t low = 0;
      if (id.size() != 9 || !id.starts_with("1") || !read_num(id, 1, 8, 10, low)) return std::nullopt;
      return low;
    }
  }
  return std::nullopt;
}

std::string douyin_uid(std::uint32_t index) { return std::to_string(90000000000ULL + index); }

std::string post_record_id(PlatformId p, const ItemKey& key) {
  static constexpr std::string_view kKinds[] = {"weibo:post:", "xiaohongshu:note:", "douyin:video:",
                                                "dianping:review:"};
  return std::string(kKinds[static_cast<std::size_t>(p)]) + post_id(p, key);
}

std::string comment_record_id(PlatformId p, const ItemKey& post, std::uint32_t index,
                              std::uint32_t reply) {
  return std::string(config::to_string(p)) + ":comment:" + comment_id(p, post, index, reply);
}

}  // namespace koubei::sandbox
