#include "sandbox/world.hpp"

#include <algorithm>
#include <cmath>

#include "sandbox/text.hpp"

namespace koubei::sandbox {
namespace {

// Coordinates that separate independent draws of one item.
enum Salt : std::uint64_t {
  kCount = 1,
  kTime,
  kBurst,
  kPostBody,
  kAuthorBody,
  kCommentBody,
  kCommentTime,
  kGenerated,
  kAuthorRate,
};

std::uint64_t pid(PlatformId p) { return static_cast<std::uint64_t>(p); }

double per_hour(const Rate& r) { return r.per_second() * 3600.0; }

Verification verification_for(Draws& d, std::int64_t followers) {
  // Big accounts are mostly verified; the tail almost never.
  const double p = followers >= 1000000 ? 0.9 : followers >= 100000 ? 0.5 : followers >= 10000 ? 0.15 : 0.02;
  if (!d.chance(p)) return Verification::kNone;
  const double k = d.unit();
  if (k < 0.55) return Verification::kPersonal;
  if (k < 0.8) return Verification::kOrganization;
  if (k < 0.95) return Verification::kMedia;
  return Verification::kGovernment;
}

}  // namespace

World::World(Scenario scenario, std::uint64_t seed, Millis epoch)
    : scenario_(std::move(scenario)),
      seed_(seed),
      epoch_(epoch),
      start_(epoch - scenario_.world.history.count()) {
  queries_ = scenario_.queries;
  const GenerateSpec& g = scenario_.generate;
  for (std::uint32_t i = 0; i < g.queries; ++i) {
    Draws d(hash_of(seed_, {kGenerated, i}));
    QuerySpec q;
    q.keyword = generated_keyword(i);
    q.rate = g.median_rate;
    q.rate.count = g.median_rate.count * d.lognormal(1.0, g.rate_sigma);
    q.burst_probability = g.burst_probability;
    q.burst_factor = g.burst_factor;
    q.negative_share = 0.2 + 0.3 * d.unit();
    queries_.push_back(std::move(q));
  }
  const std::uint32_t n = std::min(scenario_.world.authors, kMaxAuthors);
  scenario_.world.authors = n;
  for (PlatformId p : config::kAllPlatforms) {
    auto& list = authors_[pid(p)];
    list.reserve(n);
    for (std::uint32_t i = 0; i < n; ++i) {
      Draws d(hash_of(seed_, {kAuthorBody, pid(p), i}));
      Author a;
      a.index = i;
      const double f = d.pareto(std::max(1.0, scenario_.world.min_followers), scenario_.world.follower_alpha);
      a.followers = static_cast<std::int64_t>(std::min(f, 2.0e8));
      a.verification = verification_for(d, a.followers);
      a.name = nickname(d);
      list.push_back(std::move(a));
      if (list.back().followers > list[head_[pid(p)]].followers) head_[pid(p)] = i;
    }
  }
  if (scenario_.crisis) {
    for (std::uint32_t i = 0; i < queries_.size(); ++i) {
      if (queries_[i].keyword == scenario_.crisis->keyword) crisis_stream_ = i;
    }
    const Millis begin = epoch_ - scenario_.crisis->starts_before.count();
    crisis_first_ = bucket_of(begin);
    crisis_last_ = crisis_first_ + static_cast<std::uint32_t>(
                                       std::max<Millis>(1, scenario_.crisis->duration.count() / kHour));
  }
}

std::optional<std::uint32_t> World::query_stream(PlatformId p, std::string_view keyword) const {
  for (std::uint32_t i = 0; i < queries_.size(); ++i) {
    if (queries_[i].keyword != keyword) continue;
    const auto& ps = queries_[i].platforms;
    if (std::find(ps.begin(), ps.end(), p) == ps.end()) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> World::shop_stream(std::string_view shop_id) const {
  for (std::uint32_t i = 0; i < scenario_.shops.size(); ++i) {
    if (scenario_.shops[i].id == shop_id) return kShopStreamBase + i;
  }
  return std::nullopt;
}

const Author& World::author(PlatformId p, std::uint32_t index) const {
  return authors_[pid(p)][index];
}

bool World::in_crisis(std::uint32_t stream, std::uint32_t bucket) const {
  return crisis_stream_ && *crisis_stream_ == stream && bucket >= crisis_first_ &&
         bucket < crisis_last_;
}

double World::rate_per_hour(PlatformId p, std::uint32_t stream, std::uint32_t bucket) const {
  if (stream >= kShopStreamBase) return per_hour(shop(stream).rate);
  if (stream >= kUserStreamBase) {
    Draws d(hash_of(seed_, {kAuthorRate, pid(p), stream}));
    return per_hour(scenario_.world.author_rate) * d.lognormal(1.0, 1.0);
  }
  const QuerySpec& q = queries_[stream];
  double r = per_hour(q.rate);
  if (q.burst_probability > 0 &&
      unit_of(hash_of(seed_, {kBurst, pid(p), stream, bucket})) < q.burst_probability) {
    r *= q.burst_factor;
  }
  if (in_crisis(stream, bucket)) r *= scenario_.crisis->factor;
  return r;
}

std::uint32_t World::bucket_count(PlatformId p, std::uint32_t stream, std::uint32_t bucket) const {
  Draws d(hash_of(seed_, {kCount, pid(p), stream, bucket}));
  auto k = static_cast<std::uint32_t>(std::min<std::uint64_t>(d.poisson(rate_per_hour(p, stream, bucket)), kMaxPerBucket));
  // The crisis opens with the head account's post.
  if (k == 0 && in_crisis(stream, bucket) && bucket == crisis_first_) k = 1;
  return k;
}

Millis World::item_time(PlatformId p, const ItemKey& key, std::uint32_t count) const {
  const double u = unit_of(hash_of(seed_, {kTime, pid(p), key.stream, key.bucket, key.index}));
  // Whole seconds: every platform shows at least seconds, so the truth is exact everywhere.
  return bucket_start(key.bucket) +
         static_cast<Millis>(std::floor(3600.0 * (key.index + u) / count)) * 1000;
}

std::vector<ItemKey> World::list(PlatformId p, std::uint32_t stream, Millis since, Millis until,
                                 Millis now, std::size_t max) const {
  std::vector<ItemKey> out;
  const Millis lo = std::max(since, start_);
  const Millis hi = std::min(until, now + 1);  // exclusive
  if (hi <= lo || max == 0) return out;
  for (std::int64_t b = bucket_of(hi - 1); b >= static_cast<std::int64_t>(bucket_of(lo)); --b) {
    const auto bucket = static_cast<std::uint32_t>(b);
    const std::uint32_t k = bucket_count(p, stream, bucket);
    for (std::uint32_t j = k; j-- > 0;) {
      const ItemKey key{stream, bucket, j};
      const Millis t = item_time(p, key, k);
      if (t < lo || t >= hi) continue;
      out.push_back(key);
      if (out.size() >= max) return out;
    }
  }
  return out;
}

std::optional<Post> World::post(PlatformId p, const ItemKey& key, Millis now) const {
  const bool valid_stream = key.stream < queries_.size() ||
                            (key.stream >= kUserStreamBase && key.stream < kUserStreamBase + author_count()) ||
                            (key.stream >= kShopStreamBase && key.stream < kShopStreamBase + scenario_.shops.size());
  if (!valid_stream) return std::nullopt;
  if (key.stream < kUserStreamBase) {
    const auto& ps = queries_[key.stream].platforms;
    if (std::find(ps.begin(), ps.end(), p) == ps.end()) return std::nullopt;
  }
  const std::uint32_t k = bucket_count(p, key.stream, key.bucket);
  if (key.index >= k) return std::nullopt;
  const Millis t = item_time(p, key, k);
  if (t > now || t < start_) return std::nullopt;
  return make_post(p, key, t);
}

Post World::make_post(PlatformId p, const ItemKey& key, Millis created) const {
  Draws d(hash_of(seed_, {kPostBody, pid(p), key.stream, key.bucket, key.index}));
  Post post;
  post.platform = p;
  post.key = key;
  post.created = created;
  post.author = static_cast<std::uint32_t>(d.below(author_count()));
  double negative_share = 0.3;
  std::string_view topic;
  if (key.stream >= kShopStreamBase) {
    negative_share = shop(key.stream).negative_share;
  } else if (key.stream >= kUserStreamBase) {
    post.author = key.stream - kUserStreamBase;
    negative_share = 0.1;
  } else {
    negative_share = queries_[key.stream].negative_share;
    topic = queries_[key.stream].keyword;
  }
  const bool crisis = in_crisis(key.stream, key.bucket);
  if (crisis) negative_share = scenario_.crisis->negative_share;
  post.negative = d.chance(negative_share);
  if (crisis && key.bucket == crisis_first_ && key.index == 0) {
    post.author = head_author(p);
    post.negative = true;
  }
  post.video = d.chance(p == PlatformId::kDouyin ? 0.8 : 0.3);
  const Author& a = author(p, post.author);
  if (key.stream >= kShopStreamBase) {
    post.text = review_text(d, shop(key.stream).name, post.negative);
    post.rating = post.negative ? 10 + 5 * static_cast<int>(d.below(4))
                                : 35 + 5 * static_cast<int>(d.below(4));
  } else {
    const std::string own = a.name + "的日常";
    post.text = post_text(d, topic.empty() ? std::string_view(own) : topic, post.negative);
  }
  post.title = post.text.substr(0, post.text.find("，"));  // up to the first clause
  const double reach = std::pow(static_cast<double>(a.followers) + 10.0, 0.6);
  post.likes = static_cast<std::int64_t>(reach * d.lognormal(0.5, 1.2));
  post.shares = static_cast<std::int64_t>(static_cast<double>(post.likes) * 0.1 * d.unit());
  post.collects = static_cast<std::int64_t>(static_cast<double>(post.likes) * 0.3 * d.unit());
  const double cm = scenario_.world.comments_mean;
  post.comments_total = cm <= 0 ? 0 : static_cast<std::uint32_t>(std::min<double>(kMaxComments, std::floor(d.lognormal(cm * 0.6, 1.0))));
  return post;
}

double World::comment_span(const Post& post) const {
  Draws d(hash_of(seed_, {kCommentTime, pid(post.platform), post.key.stream, post.key.bucket,
                          post.key.index}));
  return d.lognormal(86400000.0, 0.5);
}

Millis World::comment_time(const Post& post, double span, std::uint32_t index) const {
  // Comments slow down over the post's life: the i-th of n lands at span × ((i + u) / n)².
  const double u = unit_of(hash_of(seed_, {kCommentTime, pid(post.platform), post.key.stream,
                                            post.key.bucket, post.key.index, index + 1}));
  const double x = (index + u) / post.comments_total;
  return post.created + 1000 + static_cast<Millis>(std::floor(span * x * x / 1000.0)) * 1000;
}

namespace {

// The number of i in [0, n) with time(i) <= now, for a non-decreasing time().
template <class F>
std::uint32_t count_until(std::uint32_t n, Millis now, F time) {
  std::uint32_t lo = 0, hi = n;
  while (lo < hi) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    if (time(mid) <= now) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

}  // namespace

std::uint32_t World::comments_existing(const Post& post, Millis now) const {
  if (post.comments_total == 0 || now <= post.created) return 0;
  const double span = comment_span(post);
  return count_until(post.comments_total, now,
                     [&](std::uint32_t i) { return comment_time(post, span, i); });
}

Comment World::comment(const Post& post, std::uint32_t index) const {
  Draws d(hash_of(seed_, {kCommentBody, pid(post.platform), post.key.stream, post.key.bucket,
                          post.key.index, index, 0}));
  Comment c;
  c.platform = post.platform;
  c.post = post.key;
  c.index = index;
  c.created = comment_time(post, comment_span(post), index);
  c.author = static_cast<std::uint32_t>(d.below(author_count()));
  c.negative = d.chance(post.negative ? 0.8 : 0.2);
  c.text = comment_text(d, c.negative);
  c.likes = static_cast<std::int64_t>(d.lognormal(3.0, 1.5));
  c.replies_total = d.chance(0.35) ? 1 + static_cast<std::uint32_t>(d.below(6)) : 0;
  return c;
}

std::uint32_t World::replies_existing(const Comment& top, Millis now) const {
  return count_until(top.replies_total, now,
                     [&](std::uint32_t r) { return reply(top, r + 1).created; });
}

Comment World::reply(const Comment& top, std::uint32_t r) const {
  Draws d(hash_of(seed_, {kCommentBody, pid(top.platform), top.post.stream, top.post.bucket,
                          top.post.index, top.index, r}));
  Comment c;
  c.platform = top.platform;
  c.post = top.post;
  c.index = top.index;
  c.reply = r;
  const double u = d.unit();
  const double x = (r - 1 + u) / top.replies_total;
  c.created = top.created + 1000 + static_cast<Millis>(std::floor(6.0 * 3600.0 * x * x)) * 1000;
  c.author = static_cast<std::uint32_t>(d.below(author_count()));
  c.negative = d.chance(top.negative ? 0.7 : 0.3);
  c.text = comment_text(d, c.negative);
  c.likes = static_cast<std::int64_t>(d.lognormal(1.0, 1.2));
  return c;
}

}  // namespace koubei::sandbox
