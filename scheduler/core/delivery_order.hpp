#pragma once
// DeliveryOrder<Position>: lets a job's checkpoint advance only over delivered pages.
//
// A job produces pages in crawl order; each page's mentions go through the delivery pipeline
// (dedup claim → sinks → confirm), and pipelines may confirm batches out of order. The checkpoint
// may move to a page's position only when that page and every earlier one are confirmed
// (guarantees §2; ARCHITECTURE invariant "a checkpoint never passes a mention that is not
// confirmed in every sink"). A page whose delivery failed holds the checkpoint where it is until
// it is delivered on a retry; later pages may be confirmed meanwhile but are not passed over.
//
// Usage: ticket = issue(position) when a page's batch is handed to the pipeline; confirm(ticket)
// when the pipeline reports it durable; take_advance() returns the new checkpoint position, once,
// whenever it moved. Sans-IO, header-only; thread safety: none (scheduler strand).

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace koubei::scheduler {

template <class Position>
class DeliveryOrder {
 public:
  using Ticket = std::uint64_t;

  Ticket issue(Position position) {
    Ticket t = next_++;
    pending_.emplace(t, Entry{std::move(position), false});
    return t;
  }

  /// The ticket's batch is durable in every sink. Unknown tickets are ignored.
  void confirm(Ticket ticket) {
    auto it = pending_.find(ticket);
    if (it == pending_.end()) return;
    it->second.confirmed = true;
    // Pop the confirmed prefix; the last popped position is the new checkpoint.
    while (!pending_.empty() && pending_.begin()->second.confirmed) {
      advance_ = std::move(pending_.begin()->second.position);
      pending_.erase(pending_.begin());
    }
  }

  /// The position to checkpoint, if it moved since the last call.
  std::optional<Position> take_advance() { return std::exchange(advance_, std::nullopt); }

  /// Batches handed out and not yet confirmed.
  std::size_t in_flight() const { return pending_.size(); }

 private:
  struct Entry {
    Position position;
    bool confirmed;
  };
  Ticket next_ = 1;
  std::map<Ticket, Entry> pending_;
  std::optional<Position> advance_;
};

}  // namespace koubei::scheduler
