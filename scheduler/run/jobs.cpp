#include "scheduler/run/jobs.hpp"

#include <stdexcept>
#include <unordered_set>

namespace koubei::scheduler {

namespace kw = analysis::keywords;

std::vector<JobSpec> make_jobs(const config::Config& config,
                               const std::vector<config::QueryConfig>& queries, bool watches,
                               const kw::TextFolder& folder) {
  std::vector<JobSpec> jobs;
  // The loader accepts a platform, shop or watch listed twice; one id must be one job, or the
  // listing is polled twice over the platform's budget and both race on one checkpoint.
  std::unordered_set<std::string> ids;
  for (const auto& q : queries) {
    auto parsed = kw::parse_expression(q.keywords);
    if (!parsed.ok()) throw std::invalid_argument("query " + q.id + ": " + parsed.error->message);
    const kw::SearchPlan plan = kw::search_terms(*parsed.expression);
    if (plan.error) throw std::invalid_argument("query " + q.id + ": " + plan.error->message);
    auto matcher = std::make_shared<const kw::KeywordMatcher>(std::move(*parsed.expression), folder);
    for (const config::PlatformId platform : q.platforms) {
      if (!config.platforms.at(platform).enabled) continue;
      const std::string name(config::to_string(platform));
      auto add = [&](clients::ListingKind kind, const std::string& key, std::string id,
                     std::string label) {
        if (!ids.insert(id).second) return;
        clients::Listing listing;
        listing.kind = kind;
        listing.key = key;
        JobSpec job;
        job.id = std::move(id);
        job.label = std::move(label);
        job.platform = platform;
        job.listing = std::move(listing);
        job.query_id = q.id;
        job.matcher = matcher;
        job.interval = q.interval;
        job.priority = q.priority;
        job.comments = q.comments;
        jobs.push_back(std::move(job));
      };
      if (platform == config::PlatformId::kDianping) {
        for (const auto& shop : q.shops) {
          add(clients::ListingKind::kShopReviews, shop, "shop:" + q.id + ":" + shop,
              q.id + " dianping shop " + shop);
        }
        continue;
      }
      for (const auto& search : plan.searches) {
        add(clients::ListingKind::kSearch, search, "search:" + q.id + ":" + name + ":" + search,
            q.id + " " + name + " \"" + search + "\"");
      }
    }
  }
  if (!watches) return jobs;
  for (const auto& w : config.watches) {
    if (!config.platforms.at(w.platform).enabled) continue;
    const std::string name(config::to_string(w.platform));
    if (!ids.insert("watch:" + name + ":" + w.user).second) continue;
    JobSpec job;
    job.platform = w.platform;
    job.listing.kind = w.platform == config::PlatformId::kDianping
                           ? clients::ListingKind::kShopReviews
                           : clients::ListingKind::kTimeline;
    job.listing.key = w.user;
    job.id = "watch:" + name + ":" + w.user;
    job.query_id = "watch:" + (w.name.empty() ? w.user : w.name);
    job.label = job.query_id + " " + name;
    job.interval = w.interval;
    job.comments = w.comments;
    jobs.push_back(std::move(job));
  }
  return jobs;
}

}  // namespace koubei::scheduler
