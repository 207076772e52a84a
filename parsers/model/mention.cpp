#include "parsers/model/mention.hpp"

namespace koubei::model {

std::string_view to_string(Kind k) {
  switch (k) {
    case Kind::kPost: return "post";
    case Kind::kNote: return "note";
    case Kind::kVideo: return "video";
    case Kind::kComment: return "comment";
    case Kind::kReview: return "review";
  }
  return "post";
}

std::string_view to_string(MediaType t) { return t == MediaType::kVideo ? "video" : "image"; }

std::string_view to_string(Precision p) {
  switch (p) {
    case Precision::kSecond: return "second";
    case Precision::kMinute: return "minute";
    case Precision::kDay: return "day";
  }
  return "second";
}

std::string_view to_string(VerifiedType v) {
  switch (v) {
    case VerifiedType::kPersonal: return "personal";
    case VerifiedType::kOrganization: return "organization";
    case VerifiedType::kGovernment: return "government";
    case VerifiedType::kMedia: return "media";
    case VerifiedType::kNone: return "none";
  }
  return "none";
}

std::string_view to_string(Tier t) {
  switch (t) {
    case Tier::kHead: return "head";
    case Tier::kMid: return "mid";
    case Tier::kTail: return "tail";
    case Tier::kKoc: return "koc";
    case Tier::kOrdinary: return "ordinary";
  }
  return "ordinary";
}

std::string_view to_string(SentimentLabel s) {
  switch (s) {
    case SentimentLabel::kNegative: return "negative";
    case SentimentLabel::kNeutral: return "neutral";
    case SentimentLabel::kPositive: return "positive";
  }
  return "neutral";
}

std::string make_id(Platform platform, Kind kind, std::string_view native_id) {
  std::string id;
  id.reserve(24 + native_id.size());
  id.append(to_string(platform)).append(":").append(to_string(kind)).append(":").append(native_id);
  return id;
}

std::string Mention::id() const { return make_id(platform, kind, native_id); }

}  // namespace koubei::model
