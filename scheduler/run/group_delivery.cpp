#include "scheduler/run/group_delivery.hpp"

#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace koubei::scheduler {

GroupedBatch group_batches(std::span<const RecordBatch* const> batches) {
  GroupedBatch g;
  std::size_t total = 0;
  for (const RecordBatch* b : batches) total += b->size();
  g.records.reserve(total);
  g.slots.resize(batches.size());
  g.owns.resize(batches.size());
  // Views into the caller's batches, which outlive this function's use of them.
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(total);
  for (std::size_t i = 0; i < batches.size(); ++i) {
    for (const storage::OutRecord& r : *batches[i]) {
      const auto [at, inserted] = first.try_emplace(r.id, g.records.size());
      if (inserted) g.records.push_back(r);
      g.slots[i].push_back(at->second);
      g.owns[i].push_back(inserted);
    }
  }
  return g;
}

storage::DeliveryReport split_report(const GroupedBatch& group, std::size_t i,
                                     const storage::DeliveryReport& whole) {
  std::vector<bool> fresh(group.records.size(), false);
  for (std::size_t k : whole.fresh_indices) fresh[k] = true;
  std::unordered_set<std::string_view> held(whole.held_ids.begin(), whole.held_ids.end());
  storage::DeliveryReport out;
  out.spooled_sinks = whole.spooled_sinks;
  const auto& slots = group.slots[i];
  for (std::size_t r = 0; r < slots.size(); ++r) {
    const storage::OutRecord& record = group.records[slots[r]];
    if (held.contains(record.id)) {
      out.held_ids.push_back(record.id);
    } else if (fresh[slots[r]] && group.owns[i][r]) {
      ++out.fresh;
      out.fresh_indices.push_back(r);
    } else {
      ++out.skipped;
    }
  }
  return out;
}

GroupDelivery::GroupDelivery(boost::asio::any_io_executor storage,
                             storage::DeliveryPipeline* pipeline, std::size_t max_records)
    : storage_(std::move(storage)), pipeline_(pipeline), max_records_(max_records) {}

void GroupDelivery::enqueue(std::shared_ptr<const RecordBatch> batch, std::unique_ptr<Waiter> waiter) {
  pending_.push_back({std::move(batch), std::move(waiter)});
  if (!flush_posted_) {
    flush_posted_ = true;
    boost::asio::post(storage_, [this] { flush(); });
  }
}

void GroupDelivery::flush() {
  flush_posted_ = false;
  if (pending_.empty()) return;
  std::vector<Pending> group;
  std::size_t records = 0;
  while (!pending_.empty() &&
         (group.empty() || records + pending_.front().batch->size() <= max_records_)) {
    records += pending_.front().batch->size();
    group.push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  ++groups_;
  batches_ += group.size();
  if (group.size() == 1) {
    group.front().waiter->complete(pipeline_->deliver(*group.front().batch));
  } else {
    std::vector<const RecordBatch*> views;
    views.reserve(group.size());
    for (const Pending& p : group) views.push_back(p.batch.get());
    const GroupedBatch grouped = group_batches(views);
    const DeliveryResult whole = pipeline_->deliver(grouped.records);
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (whole) {
        group[i].waiter->complete(split_report(grouped, i, *whole));
      } else {
        group[i].waiter->complete(whole.error());
      }
    }
  }
  // What arrived meanwhile is the next group (behind anything already queued on the thread).
  if (!pending_.empty() && !flush_posted_) {
    flush_posted_ = true;
    boost::asio::post(storage_, [this] { flush(); });
  }
}

}  // namespace koubei::scheduler
