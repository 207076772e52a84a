#include "parsers/weibo/user.hpp"

#include "parsers/json/fields.hpp"
#include "parsers/normalize/verified.hpp"

namespace koubei::parsers::weibo {

model::Author read_user(std::optional<simdjson::dom::element> user, FieldPlace place) {
  model::Author author;
  if (!user) return author;
  if (auto id = read_numeric_id(*user, {"id", "idstr"})) {
    author.url = user_url(*id);
    author.id = std::move(id);
  }
  author.name = json::get_text(*user, "screen_name");
  bool capped = false;  // a follower floor ("1000万+") is still the best figure there is
  const std::string where = std::string(place.where) + ".user";
  author.followers = json_count(*user, "followers_count", {place.page, where}, capped);
  author.verified = json::get_bool(*user, "verified");
  if (const auto type = json::get_int(*user, "verified_type")) {
    author.verified_type = normalize::weibo_verified_type(*type);
    if (!author.verified) author.verified = normalize::is_verified(*author.verified_type);
  } else if (author.verified == false) {
    author.verified_type = model::VerifiedType::kNone;
  }
  place.page.add_author(facts_of(author));
  return author;
}

AuthorFacts facts_of(const model::Author& author) {
  AuthorFacts facts;
  facts.platform = model::Platform::kWeibo;
  facts.id = author.id.value_or("");
  facts.name = author.name;
  facts.followers = author.followers;
  facts.verified_type = author.verified_type;
  return facts;
}

}  // namespace koubei::parsers::weibo
