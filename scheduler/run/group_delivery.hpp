#pragma once
// GroupDelivery: group commit for the storage thread. Pages finished by concurrent walks wait
// for the storage thread together; it hands them to DeliveryPipeline::deliver() as one batch, so
// they share one dedup claim round trip, one write and one fsync per sink, and one confirm, and
// then tells each page what became of its own records. Under load the pipeline's fixed costs are
// paid once per group instead of once per page; alone, a page is delivered as soon as the storage
// thread is free, exactly as before.
//
// Contract
// - deliver(batch) completes with the pipeline's result for the group the batch was in, split per
//   batch: fresh_indices index the caller's batch; a record whose id an earlier batch of the same
//   group also carries is counted as skipped (the earlier batch delivers it) or held with it.
//   On error every batch of the group gets the error and nothing it relies on happened (the
//   pipeline's contract); the caller retries as before.
// - A group holds at most `max_records` records (at least one batch, whatever its size). Batches
//   are grouped in arrival order; the guarantees of guarantees.md hold per batch, since a group
//   is delivered all or nothing and a walk awaits each of its pages in turn.
// - Thread safety: deliver() may be called from any executor; the group state lives on the
//   storage executor only.

#include "storage/delivery_pipeline.hpp"
#include "storage/sink.hpp"

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <deque>
#include <memory>
#include <span>
#include <vector>

namespace koubei::scheduler {

using DeliveryResult = Result<storage::DeliveryReport>;
using RecordBatch = std::vector<storage::OutRecord>;

/// Several batches as one: the records in arrival order, each id once.
struct GroupedBatch {
  std::vector<storage::OutRecord> records;
  /// Per batch, per record: its index in `records` (the first batch that carries the id owns it).
  std::vector<std::vector<std::size_t>> slots;
  /// Per batch, per record: whether that batch owns the record (false: an earlier batch carries
  /// the same id).
  std::vector<std::vector<bool>> owns;
};

GroupedBatch group_batches(std::span<const RecordBatch* const> batches);

/// What the group's report means for batch `i`.
storage::DeliveryReport split_report(const GroupedBatch& group, std::size_t i,
                                     const storage::DeliveryReport& whole);

class GroupDelivery {
 public:
  /// REQUIRES: the pipeline is used on `storage` only and outlives this object.
  GroupDelivery(boost::asio::any_io_executor storage, storage::DeliveryPipeline* pipeline,
                std::size_t max_records);

  /// Delivers `batch` with whatever else is waiting; completes on the caller's executor.
  auto deliver(std::shared_ptr<const RecordBatch> batch) {
    return boost::asio::async_initiate<const boost::asio::use_awaitable_t<>&, void(DeliveryResult)>(
        [this](auto handler, std::shared_ptr<const RecordBatch> b) {
          auto waiter = std::make_unique<WaiterOf<decltype(handler)>>(std::move(handler));
          boost::asio::post(storage_, [this, b = std::move(b), w = std::move(waiter)]() mutable {
            enqueue(std::move(b), std::move(w));
          });
        },
        boost::asio::use_awaitable, std::move(batch));
  }

  /// Groups delivered so far and batches in them (storage thread).
  std::size_t groups() const { return groups_; }
  std::size_t batches() const { return batches_; }

 private:
  struct Waiter {
    virtual ~Waiter() = default;
    virtual void complete(DeliveryResult result) = 0;
  };
  template <class Handler>
  struct WaiterOf final : Waiter {
    explicit WaiterOf(Handler h) : handler(std::move(h)) {}
    void complete(DeliveryResult result) override {
      auto back = boost::asio::get_associated_executor(handler);
      boost::asio::post(back, [h = std::move(handler), r = std::move(result)]() mutable {
        std::move(h)(std::move(r));
      });
    }
    Handler handler;
  };
  struct Pending {
    std::shared_ptr<const RecordBatch> batch;
    std::unique_ptr<Waiter> waiter;
  };

  void enqueue(std::shared_ptr<const RecordBatch> batch, std::unique_ptr<Waiter> waiter);
  void flush();

  boost::asio::any_io_executor storage_;
  storage::DeliveryPipeline* pipeline_;
  std::size_t max_records_;
  std::deque<Pending> pending_;
  bool flush_posted_ = false;
  std::size_t groups_ = 0;
  std::size_t batches_ = 0;
};

}  // namespace koubei::scheduler
