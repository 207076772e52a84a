#pragma once
// The sandbox world: authors, keyword streams, user timelines, Dianping shops, posts, comments and
// replies, all a pure function of (scenario, seed, epoch). Nothing is stored per item: any item is
// generated from its coordinates on demand, so hundreds of queries over weeks of history cost
// only what a request reads.
//
// Arrivals: each stream (a keyword on one platform, an author's timeline, a shop's reviews) is cut
// into hour buckets; bucket b holds K ~ Poisson(rate × burst × crisis factor) items spread
// through the hour in order, item j at bucket_start + 1h × (j + u_j) / K. An item exists once its
// created time is ≤ world now and ≥ start() (epoch − history). Comments of a post arrive after it
// (ever slower), replies after their comment, with the same rule.
//
// Thread safety: immutable after construction; every method is const and safe from any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sandbox/rng.hpp"
#include "sandbox/scenario.hpp"

namespace koubei::sandbox {

enum class Verification { kNone, kPersonal, kOrganization, kMedia, kGovernment };

struct Author {
  std::uint32_t index = 0;
  std::int64_t followers = 0;
  Verification verification = Verification::kNone;
  std::string name;
};

/// Where an item sits: its stream, hour bucket (hours since kBucketOrigin) and index in the hour.
struct ItemKey {
  std::uint32_t stream = 0;
  std::uint32_t bucket = 0;
  std::uint32_t index = 0;
  friend bool operator==(const ItemKey&, const ItemKey&) = default;
};

struct Post {
  PlatformId platform = PlatformId::kWeibo;
  ItemKey key;
  Millis created = 0;
  std::uint32_t author = 0;
  bool negative = false;
  bool video = false;      ///< Douyin/XHS: a video (else an image post / normal note)
  std::string text;
  std::string title;       ///< XHS note title
  std::int64_t likes = 0, shares = 0, collects = 0;
  std::uint32_t comments_total = 0;  ///< comments over the post's life (not all exist yet)
  int rating = 0;          ///< Dianping stars × 10 (10..50)
};

struct Comment {
  PlatformId platform = PlatformId::kWeibo;
  ItemKey post;
  std::uint32_t index = 0;  ///< top comment number
  std::uint32_t reply = 0;  ///< 0 for the top comment, 1.. for its replies
  Millis created = 0;
  std::uint32_t author = 0;
  bool negative = false;
  std::string text;
  std::int64_t likes = 0;
  std::uint32_t replies_total = 0;  ///< replies over the comment's life (top comments)
};

inline constexpr Millis kHour = 3600000;
/// Bucket 0 starts 2020-01-01T00:00:00Z.
inline constexpr Millis kBucketOrigin = 1577836800000;
inline constexpr std::uint32_t kMaxPerBucket = 999;
inline constexpr std::uint32_t kMaxComments = 999;
inline constexpr std::uint32_t kMaxReplies = 9;
/// Stream numbers: queries below kUserStreamBase, author timelines, then shops.
inline constexpr std::uint32_t kUserStreamBase = 10000;
inline constexpr std::uint32_t kShopStreamBase = kUserStreamBase + kMaxAuthors;

class World {
 public:
  World(Scenario scenario, std::uint64_t seed, Millis epoch);

  const Scenario& scenario() const { return scenario_; }
  std::uint64_t seed() const { return seed_; }
  Millis epoch() const { return epoch_; }
  /// The oldest time an item may have.
  Millis start() const { return start_; }

  /// Every query (the scenario's, then the generated ones).
  const std::vector<QuerySpec>& queries() const { return queries_; }
  std::optional<std::uint32_t> query_stream(PlatformId p, std::string_view keyword) const;
  std::uint32_t user_stream(std::uint32_t author) const { return kUserStreamBase + author; }
  std::optional<std::uint32_t> shop_stream(std::string_view shop_id) const;
  const ShopSpec& shop(std::uint32_t stream) const { return scenario_.shops[stream - kShopStreamBase]; }

  std::uint32_t author_count() const { return scenario_.world.authors; }
  const Author& author(PlatformId p, std::uint32_t index) const;
  /// The most-followed author of a platform (the crisis poster).
  std::uint32_t head_author(PlatformId p) const { return head_[static_cast<std::size_t>(p)]; }

  /// Items of a stream with created in [since, until) that exist at `now`, newest first, at most
  /// `max`.
  std::vector<ItemKey> list(PlatformId p, std::uint32_t stream, Millis since, Millis until,
                            Millis now, std::size_t max) const;

  /// The post at `key` if it exists at `now`.
  std::optional<Post> post(PlatformId p, const ItemKey& key, Millis now) const;

  /// Top comments of a post that exist at `now`, oldest first.
  std::uint32_t comments_existing(const Post& post, Millis now) const;
  Comment comment(const Post& post, std::uint32_t index) const;
  /// Replies of a top comment that exist at `now`.
  std::uint32_t replies_existing(const Comment& top, Millis now) const;
  Comment reply(const Comment& top, std::uint32_t reply) const;

  /// Seed-derived secret for signatures and xsec tokens.
  std::uint64_t signing_key() const { return hash_of(seed_, {0x5167ULL}); }

 private:
  double rate_per_hour(PlatformId p, std::uint32_t stream, std::uint32_t bucket) const;
  std::uint32_t bucket_count(PlatformId p, std::uint32_t stream, std::uint32_t bucket) const;
  Millis item_time(PlatformId p, const ItemKey& key, std::uint32_t count) const;
  bool in_crisis(std::uint32_t stream, std::uint32_t bucket) const;
  Post make_post(PlatformId p, const ItemKey& key, Millis created) const;
  double comment_span(const Post& post) const;
  Millis comment_time(const Post& post, double span, std::uint32_t index) const;

  Scenario scenario_;
  std::uint64_t seed_;
  Millis epoch_;
  Millis start_;
  std::vector<QuerySpec> queries_;
  std::vector<Author> authors_[4];
  std::uint32_t head_[4] = {0, 0, 0, 0};
  std::optional<std::uint32_t> crisis_stream_;
  std::uint32_t crisis_first_ = 0, crisis_last_ = 0;  ///< buckets [first, last)
};

/// The bucket holding time t.
inline std::uint32_t bucket_of(Millis t) {
  const Millis b = (t - kBucketOrigin) / kHour;
  return b < 0 ? 0 : static_cast<std::uint32_t>(b);
}
inline Millis bucket_start(std::uint32_t b) { return kBucketOrigin + Millis{b} * kHour; }

}  // namespace koubei::sandbox
