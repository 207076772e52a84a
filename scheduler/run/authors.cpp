#include "scheduler/run/authors.hpp"

#include "scheduler/run/page_fetcher.hpp"
#include "scheduler/run/run_on.hpp"

#include <set>

namespace koubei::scheduler {

namespace asio = boost::asio;

namespace {

/// At most this many author puts wait for the storage thread (~100 bytes each).
constexpr std::size_t kMaxPendingAuthorPuts = 50'000;

std::optional<model::VerifiedType> verified_type_from(std::string_view name) {
  for (auto v : {model::VerifiedType::kPersonal, model::VerifiedType::kOrganization,
                 model::VerifiedType::kGovernment, model::VerifiedType::kMedia,
                 model::VerifiedType::kNone}) {
    if (model::to_string(v) == name) return v;
  }
  return std::nullopt;
}

storage::AuthorFacts to_cache(const parsers::AuthorFacts& a, std::int64_t now_ms) {
  storage::AuthorFacts f;
  f.followers = a.followers;
  if (a.verified_type) {
    f.verified = *a.verified_type != model::VerifiedType::kNone;
    f.verified_type = std::string(model::to_string(*a.verified_type));
  }
  f.last_seen_ms = now_ms;
  return f;
}

analysis::CachedAuthor from_cache(const storage::AuthorFacts& f) {
  return {f.followers, f.verified, verified_type_from(f.verified_type)};
}

analysis::CachedAuthor from_page(const parsers::AuthorFacts& a) {
  std::optional<bool> verified;
  if (a.verified_type) verified = *a.verified_type != model::VerifiedType::kNone;
  return {a.followers, verified, a.verified_type};
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

void remember_authors(CrawlServices& s, const std::vector<parsers::AuthorFacts>& authors,
                      std::int64_t at_ms) {
  if (authors.empty() || s.stack->stores.authors == nullptr) return;
  std::vector<storage::AuthorPut> puts;
  for (const auto& a : authors) {
    if (a.id.empty() || !a.followers) continue;
    puts.push_back({{std::string(model::to_string(a.platform)), a.id}, to_cache(a, at_ms)});
  }
  if (puts.empty()) return;
  storage::AuthorCache* cache = s.stack->stores.authors.get();
  // Queued for the storage thread; one flush takes whatever pages queued meanwhile, in one round
  // trip. A failed or dropped put only costs a later page's lookup.
  auto pending = s.author_puts;
  {
    std::lock_guard lock(pending->mutex);
    if (pending->puts.size() + puts.size() > kMaxPendingAuthorPuts) {
      pending->dropped += puts.size();
      return;
    }
    pending->puts.insert(pending->puts.end(), std::make_move_iterator(puts.begin()),
                         std::make_move_iterator(puts.end()));
    if (pending->flush_posted) return;
    pending->flush_posted = true;
  }
  asio::post(s.storage, [cache, pending] {
    std::vector<storage::AuthorPut> batch;
    {
      std::lock_guard lock(pending->mutex);
      batch.swap(pending->puts);
      pending->flush_posted = false;
    }
    (void)cache->put_many(batch);
  });
}

asio::awaitable<AuthorFactsMap> author_facts(CrawlServices& s, config::PlatformId platform,
                                             const std::vector<parsers::ParsedItem>& items) {
  AuthorFactsMap facts;
  std::vector<const model::Mention*> wanted;
  std::set<std::string> keys;
  for (const auto& item : items) {
    const model::Mention& m = item.mention;
    if (!m.author.id || m.author.followers) continue;
    if (keys.insert(author_key(m)).second) wanted.push_back(&m);
  }
  if (wanted.empty()) co_return facts;

  storage::AuthorCache* cache =
      s.stack->stores.authors ? s.stack->stores.authors.get() : nullptr;
  if (cache != nullptr) {
    std::vector<storage::AuthorKey> cache_keys;
    for (const auto* m : wanted) {
      cache_keys.push_back({std::string(model::to_string(m->platform)), *m->author.id});
    }
    auto lookup = [cache, cache_keys] { return cache->get_many(cache_keys); };
    auto got = co_await run_on(s.storage, std::move(lookup));
    if (got) {
      for (std::size_t i = 0; i < wanted.size() && i < got->size(); ++i) {
        if ((*got)[i]) facts.emplace(author_key(*wanted[i]), from_cache(*(*got)[i]));
      }
    }
  }
  const clients::PlatformClient& client = s.clients.at(platform);
  auto budget = s.author_budget.find(platform);
  for (const auto* m : wanted) {
    if (s.stopping || facts.contains(author_key(*m))) continue;
    auto spec = client.author(*m);
    if (!spec || budget == s.author_budget.end() || !budget->second.try_take(Clock::now())) {
      continue;  // no profile route, or the hour's budget is spent: influence stays partial
    }
    FetchedPage page = co_await fetch_page(s, platform, std::move(*spec), Priority::kFollowUp);
    if (!page.ok()) continue;
    remember_authors(s, page.result.authors, now_ms());
    for (const auto& a : page.result.authors) {
      if (a.id == *m->author.id) facts.emplace(author_key(*m), from_page(a));
    }
  }
  co_return facts;
}

}  // namespace koubei::scheduler
