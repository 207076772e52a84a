#include "parsers/douyin/author.hpp"

#include "parsers/douyin/fields.hpp"
#include "parsers/normalize/verified.hpp"

#include <algorithm>

namespace koubei::parsers::douyin {

model::Author read_author(json::element user,
                          const UserKeys& keys,
                          std::string_view where,
                          ParseResult& result) {
  model::Author author;
  const auto sec_uid = read_native_id(user, keys.sec_uid);
  author.id = sec_uid ? sec_uid : read_native_id(user, keys.uid);
  if (sec_uid) author.url = "https://www.douyin.com/user/" + *sec_uid;
  author.name = json::get_text(user, keys.nickname);
  bool capped = false;  // a follower count is never shown capped in these JSON objects
  author.followers = read_count(user, keys.follower_count, where, result, capped);
  const auto custom = json::get_string(user, keys.custom_verify);
  const auto enterprise = json::get_string(user, keys.enterprise_verify_reason);
  if (custom || enterprise) {
    author.verified_type =
        normalize::douyin_verified_type(custom.value_or(""), enterprise.value_or(""));
    author.verified = normalize::is_verified(*author.verified_type);
  }
  return author;
}

void remember_author(ParseResult& result, const model::Author& author) {
  if (!author.id) return;
  const auto known = std::find_if(result.authors.begin(),
                                  result.authors.end(),
                                  [&](const AuthorFacts& f) { return f.id == *author.id; });
  if (known == result.authors.end()) {
    result.authors.push_back({model::Platform::kDouyin,
                              *author.id,
                              author.name,
                              author.followers,
                              author.verified_type});
    return;
  }
  if (!known->name) known->name = author.name;
  if (!known->followers) known->followers = author.followers;
  if (!known->verified_type) known->verified_type = author.verified_type;
}

}  // namespace koubei::parsers::douyin
