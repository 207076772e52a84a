#include "sandbox/truth.hpp"

#include <cstdlib>

#include "sandbox/civil_time.hpp"
#include "sandbox/ids.hpp"
#include "sandbox/render_common.hpp"

namespace koubei::sandbox {
namespace {

std::optional<Millis> time_param(const Request& req, std::string_view key) {
  const auto v = query_param(req.query, key);
  if (!v || v->empty()) return std::nullopt;
  if (v->find_first_not_of("0123456789") == std::string::npos) return std::atoll(v->c_str());
  return parse_world_time(*v);
}

void append_item(std::string& out, std::string_view id, std::string_view native,
                 std::string_view kind, Millis created, std::string_view author,
                 std::int64_t followers, bool negative, std::string_view parent) {
  out += R"({"id":")" + std::string(id) + R"(","native_id":")" + std::string(native) +
         R"(","kind":")" + std::string(kind) + R"(","created_at":")" + rfc3339(created) +
         R"(","created_ms":)" + std::to_string(created) + R"(,"author_id":")" + std::string(author) +
         R"(","author_followers":)" + std::to_string(followers) + R"(,"negative":)" +
         (negative ? "true" : "false") + R"(,"parent_id":)";
  if (parent.empty()) {
    out += "null}";
  } else {
    out += "\"" + std::string(parent) + "\"}";
  }
}

std::string_view post_kind(PlatformId p) {
  switch (p) {
    case PlatformId::kXiaohongshu: return "note";
    case PlatformId::kDouyin: return "video";
    case PlatformId::kDianping: return "review";
    default: return "post";
  }
}

}  // namespace

Response truth_endpoint(const World& world, Millis now, const Request& req) {
  const auto platform = config::platform_from_string(query_param(req.query, "platform").value_or(""));
  if (!platform) return json_response(R"({"error":"platform= weibo|xiaohongshu|douyin|dianping"})", 400);
  const PlatformId p = *platform;
  const Millis since = time_param(req, "since").value_or(world.start());
  const Millis until = time_param(req, "until").value_or(now + 1);
  std::string items;
  std::size_t count = 0;
  const auto add_sep = [&] {
    if (count++) items += ",";
  };
  if (auto item = query_param(req.query, "item")) {
    const auto key = parse_post_id(p, *item);
    const auto post = key ? world.post(p, *key, now) : std::nullopt;
    if (!post) return json_response(R"({"error":"no such item at world now"})", 404);
    const std::string root = post_record_id(p, post->key);
    for (std::uint32_t i = 0, n = world.comments_existing(*post, now); i < n; ++i) {
      const Comment c = world.comment(*post, i);
      if (c.created >= since && c.created < until) {
        add_sep();
        append_item(items, comment_record_id(p, post->key, i, 0), comment_id(p, post->key, i, 0),
                    "comment", c.created, author_id(p, c.author),
                    world.author(p, c.author).followers, c.negative, root);
      }
      const std::string top = comment_record_id(p, post->key, i, 0);
      for (std::uint32_t r = 1, nr = world.replies_existing(c, now); r <= nr; ++r) {
        const Comment rc = world.reply(c, r);
        if (rc.created < since || rc.created >= until) continue;
        add_sep();
        append_item(items, comment_record_id(p, post->key, i, r), comment_id(p, post->key, i, r),
                    "comment", rc.created, author_id(p, rc.author),
                    world.author(p, rc.author).followers, rc.negative, top);
      }
    }
  } else {
    std::optional<std::uint32_t> stream;
    if (auto user = query_param(req.query, "user")) {
      const auto a = parse_author_id(p, *user);
      if (a && *a < world.author_count()) stream = world.user_stream(*a);
    } else {
      const std::string q = query_param(req.query, "query").value_or("");
      stream = p == PlatformId::kDianping ? world.shop_stream(q) : world.query_stream(p, q);
    }
    if (!stream) return json_response(R"({"error":"no such query, shop or user on this platform"})", 404);
    for (const ItemKey& k : world.list(p, *stream, since, until, now, 10000000)) {
      const auto post = world.post(p, k, now);
      if (!post) continue;
      add_sep();
      append_item(items, post_record_id(p, k), post_id(p, k), post_kind(p), post->created,
                  author_id(p, post->author), world.author(p, post->author).followers,
                  post->negative, "");
    }
  }
  std::string out = R"({"platform":")" + std::string(config::to_string(p)) + R"(","now":")" +
                    rfc3339(now) + R"(","count":)" + std::to_string(count) + R"(,"items":[)" +
                    items + "]}";
  return json_response(std::move(out));
}

Response world_endpoint(const World& world, Millis now, double clock_rate) {
  std::string out = R"({"seed":)" + std::to_string(world.seed()) + R"(,"scenario":)";
  js(out, world.scenario().name);
  out += R"(,"epoch":")" + rfc3339(world.epoch()) + R"(","start":")" + rfc3339(world.start()) +
         R"(","now":")" + rfc3339(now) + R"(","now_ms":)" + std::to_string(now) +
         R"(,"clock_rate":)" + std::to_string(clock_rate) + R"(,"queries":[)";
  for (std::size_t i = 0; i < world.queries().size(); ++i) {
    const QuerySpec& q = world.queries()[i];
    if (i) out += ",";
    out += R"({"keyword":)";
    js(out, q.keyword);
    out += R"(,"per_hour":)" + std::to_string(q.rate.per_second() * 3600) + R"(,"platforms":[)";
    for (std::size_t j = 0; j < q.platforms.size(); ++j) {
      out += (j ? ",\"" : "\"") + std::string(config::to_string(q.platforms[j])) + "\"";
    }
    out += "]}";
  }
  out += R"(],"shops":[)";
  for (std::size_t i = 0; i < world.scenario().shops.size(); ++i) {
    const ShopSpec& s = world.scenario().shops[i];
    if (i) out += ",";
    out += R"({"id":")" + s.id + R"(","name":)";
    js(out, s.name);
    out += "}";
  }
  out += R"(],"head_authors":{)";
  for (PlatformId p : config::kAllPlatforms) {
    if (p != PlatformId::kWeibo) out += ",";
    const std::uint32_t h = world.head_author(p);
    out += "\"" + std::string(config::to_string(p)) + R"(":{"id":")" + author_id(p, h) +
           R"(","followers":)" + std::to_string(world.author(p, h).followers) + "}";
  }
  out += "}}";
  return json_response(std::move(out));
}

}  // namespace koubei::sandbox
