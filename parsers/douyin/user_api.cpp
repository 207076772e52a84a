#include "parsers/douyin/user_api.hpp"

#include "parsers/douyin/author.hpp"
#include "parsers/douyin/envelope.hpp"
#include "parsers/douyin/fields.hpp"
#include "parsers/douyin/keys.hpp"

#include <array>

namespace koubei::parsers::douyin {
namespace {

// The fallbacks for follower_count, in order of preference (see user_api.hpp).
constexpr auto kFallbackFollowerKeys =
    std::to_array<std::string_view>({"mplatform_followers_count", "max_follower_count"});

// follower_count is read by read_author; a zero or absent one falls back.
std::optional<std::int64_t> followers_of(json::element user,
                                         std::optional<std::int64_t> follower_count,
                                         ParseResult& result) {
  if (follower_count && *follower_count > 0) return follower_count;
  std::optional<std::int64_t> zero = follower_count;
  for (const std::string_view key : kFallbackFollowerKeys) {
    bool capped = false;
    const auto count = read_count(user, key, "user", result, capped);
    if (count && *count > 0) return count;
    if (count) zero = count;
  }
  return zero;
}

}  // namespace

ParseResult parse_user_api(const Context& ctx) {
  Envelope env = open_json(ctx);
  if (env.failure) return std::move(*env.failure);
  const auto user = json::get(env.root, "user");
  if (!user) {
    if (env.status_ok && has_member(env.root, "user")) {
      return verdict_only(Verdict::kNotFound, "user null");
    }
    return verdict_only(Verdict::kUnrecognized, "no user object");
  }
  ParseResult result;
  model::Author author = read_author(*user, kSnakeUser, "user", result);
  if (!author.id) return verdict_only(Verdict::kUnrecognized, "user without sec_uid or uid");
  author.followers = followers_of(*user, author.followers, result);
  remember_author(result, author);
  result.verdict = Verdict::kOk;
  return result;
}

}  // namespace koubei::parsers::douyin
