#pragma once
// Author facts for influence (influence.md "partial"): what pages say about authors goes into the
// author cache; items whose page had no follower count get the cached facts, or, within the
// platform's crawl.author_fetches budget, a profile fetch (XHS/Douyin user_api) that fills the
// cache. Profile fetches are follow-ups: they go before new polls at the platform's gate.
// Runs on the strand; the cache lives on the storage thread.

#include "scheduler/run/crawl_services.hpp"
#include "scheduler/run/enricher.hpp"

#include <boost/asio/awaitable.hpp>

#include <vector>

namespace koubei::scheduler {

/// Stores the page's author facts in the cache (fire and forget: a cache that is down costs
/// influence precision, never a mention).
void remember_authors(CrawlServices& services, const std::vector<parsers::AuthorFacts>& authors,
                      std::int64_t now_ms);

/// Facts for the items whose page had no follower count, by author_key().
boost::asio::awaitable<AuthorFactsMap> author_facts(CrawlServices& services,
                                                    config::PlatformId platform,
                                                    const std::vector<parsers::ParsedItem>& items);

}  // namespace koubei::scheduler
