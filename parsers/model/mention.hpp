#pragma once
// The mention record, koubei.mention.v1 (docs/schema/mention.v1.schema.json, spec: mention.md).
//
// One post, note, video, comment or review that koubei collected. Records own every string (no
// views into page buffers survive a parse). "Unknown" is std::nullopt, which the JSON writer turns
// into null: a post with 0 likes and a post whose likes were not on the page are different facts.
//
// Thread safety: a plain value type.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace koubei::model {

/// The platform enum is configuration's (config/config.hpp), so records and config share one.
using Platform = config::PlatformId;
using config::kAllPlatforms;
using config::platform_from_string;
using config::to_string;
enum class Kind { kPost, kNote, kVideo, kComment, kReview };
enum class MediaType { kImage, kVideo };
enum class Precision { kSecond, kMinute, kDay };
enum class VerifiedType { kPersonal, kOrganization, kGovernment, kMedia, kNone };
enum class Tier { kHead, kMid, kTail, kKoc, kOrdinary };
enum class SentimentLabel { kNegative, kNeutral, kPositive };

/// Milliseconds since the Unix epoch, UTC.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

struct Media {
  MediaType type = MediaType::kImage;
  std::string url;
};

struct Target {
  std::optional<std::string> id;
  std::optional<std::string> name;
};

struct Author {
  std::optional<std::string> id;
  std::optional<std::string> name;
  std::optional<std::string> url;
  std::optional<std::int64_t> followers;
  std::optional<bool> verified;
  std::optional<VerifiedType> verified_type;
};

struct Metrics {
  std::optional<std::int64_t> likes;
  std::optional<std::int64_t> comments;
  std::optional<std::int64_t> shares;
  std::optional<std::int64_t> collects;
  std::optional<std::int64_t> views;
};

struct QueryMatch {
  std::string id;
  std::vector<std::string> matched;
};

struct Source {
  std::string page_type;           ///< e.g. "weibo.search_api"
  std::optional<std::string> url;  ///< request URL with secrets removed
};

struct Influence {
  double score = 0;  ///< 0..100
  std::optional<Tier> tier;
  std::optional<std::int64_t> reach;
  std::string scheme = "koubei.kol.v1";
  bool partial = true;
};

struct Sentiment {
  SentimentLabel label = SentimentLabel::kNeutral;
  double score = 0;  ///< -1..1
  std::string method;
};

struct Mention {
  Platform platform = Platform::kWeibo;
  Kind kind = Kind::kPost;
  std::string native_id;  ///< the platform's own id; never empty, no ':' or whitespace
  std::string url;        ///< canonical public URL, http(s)
  std::optional<std::string> parent_id;  ///< full record id ("weibo:post:…") of what a comment answers
  std::optional<std::string> root_id;    ///< full record id of the thread's root post

  std::optional<std::string> title;
  std::string text;
  std::optional<std::string> lang;
  std::vector<std::string> tags;
  std::vector<Media> media;
  std::optional<double> rating;  ///< 0..5
  std::optional<Target> target;

  std::optional<Timestamp> created_at;
  std::optional<Precision> created_at_precision;
  Timestamp fetched_at{};

  Author author;
  Metrics metrics;
  bool metrics_capped = false;
  std::optional<std::string> ip_location;

  std::optional<QueryMatch> query;
  Source source;
  Influence influence;
  std::optional<Sentiment> sentiment;

  /// "platform:kind:native_id": the dedup key and the upsert key downstream.
  std::string id() const;
};

std::string_view to_string(Kind k);
std::string_view to_string(MediaType t);
std::string_view to_string(Precision p);
std::string_view to_string(VerifiedType v);
std::string_view to_string(Tier t);
std::string_view to_string(SentimentLabel s);

/// The record id for a platform item: "weibo:post:5012345678901234".
std::string make_id(Platform platform, Kind kind, std::string_view native_id);

}  // namespace koubei::model
