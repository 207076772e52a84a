// TextFolder's fast path: skipping OpenCC must never change a fold.
#include "analysis/keywords/text_folder.hpp"

#include <catch2/catch.hpp>
#include <opencc/Lexicon.hpp>
#include <opencc/MarisaDict.hpp>

#include <cstdio>
#include <string>

#include "config/utf8.hpp"

namespace koubei::analysis::keywords {
namespace {

const TextFolder& folder() {
  static const TextFolder kFolder;
  return kFolder;
}

std::u32string decode(std::string_view utf8) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < utf8.size()) out.push_back(text::decode_utf8(utf8, pos));
  return out;
}

}  // namespace

TEST_CASE("every key of the t2s dictionaries holds a trigger character", "[analysis][folder]") {
  REQUIRE(folder().fast_path());
  // Soundness of the fast path: t2s returns a text unchanged when no key that converts to something
  // else occurs in it, and a text without triggers holds none, because every such key holds one.
  std::size_t keys = 0;
  for (const char* name : {"TSPhrases.ocd2", "TSCharacters.ocd2"}) {
    const std::string path = std::string("/usr/share/opencc/") + name;
    std::FILE* fp = std::fopen(path.c_str(), "rb");
    REQUIRE(fp != nullptr);
    const auto dict = opencc::MarisaDict::NewFromFile(fp);
    std::fclose(fp);
    for (const auto& entry : *dict->GetLexicon()) {
      ++keys;
      const std::u32string key = decode(entry->Key());
      if (entry->Key() == entry->GetDefault()) continue;  // converts to itself: changes nothing
      if (!folder().may_convert(key)) FAIL_CHECK("no trigger in key " << entry->Key());
    }
  }
  CHECK(keys > 4000);
}

TEST_CASE("everyday Simplified text skips OpenCC and folds the same", "[analysis][folder]") {
  for (const char* text : {"华为手机信号太差，客服态度很好", "物流很快，包装破损，退货体验不错",
                           "某品牌 退款，信号时有时无[晕]", "今天天气不错 ok"}) {
    INFO(text);
    CHECK_FALSE(folder().may_convert(folder().fold(text).chars));
  }
  CHECK(to_utf8(folder().fold_chars("沈默")) == "沉默");
  // Traditional text still converts, including phrase-level rules.
  CHECK(to_utf8(folder().fold_chars("華為手機訊號")) == "华为手机讯号");
  CHECK(folder().may_convert(decode("後來")));
}

}  // namespace koubei::analysis::keywords
