#pragma once
// WalkSlots: how many listing walks (polls, backfill windows) may be under way at once
// ([crawl] active_walks). A job waiting for a slot holds only its own loop's small coroutine
// frame; a walk's frames (the page, its items, follow-ups, delivery) exist only while it runs.
// With 10,000 queries all due at start-up, this is what keeps memory flat: the walks beyond the
// slots wait here instead of each parking a full walk at the platform's gate.
//
// Contract
// - acquire() completes true with a slot, or false once close() was called (stopping).
// - Waiters are woken first come, first served; a woken waiter that finds the slot taken by a
//   newcomer waits again.
// - Thread safety: none. One executor (the scheduler's strand) for every call.

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cstddef>
#include <deque>

namespace koubei::scheduler {

class WalkSlots {
 public:
  WalkSlots(boost::asio::any_io_executor ex, std::size_t slots) : ex_(std::move(ex)), free_(slots) {}
  WalkSlots(const WalkSlots&) = delete;
  WalkSlots& operator=(const WalkSlots&) = delete;

  boost::asio::awaitable<bool> acquire() {
    while (free_ == 0 && !closed_) {
      boost::asio::steady_timer wake(ex_, boost::asio::steady_timer::time_point::max());
      waiters_.push_back(&wake);
      (void)co_await wake.async_wait(boost::asio::as_tuple(boost::asio::use_awaitable));
      // release() or close() took this timer out of waiters_ before cancelling it.
    }
    if (closed_) co_return false;
    --free_;
    co_return true;
  }

  void release() {
    ++free_;
    if (!waiters_.empty()) {
      boost::asio::steady_timer* next = waiters_.front();
      waiters_.pop_front();
      next->cancel();
    }
  }

  void close() {
    closed_ = true;
    for (boost::asio::steady_timer* w : waiters_) w->cancel();
    waiters_.clear();
  }

  std::size_t free() const { return free_; }
  std::size_t waiting() const { return waiters_.size(); }

 private:
  boost::asio::any_io_executor ex_;
  std::size_t free_;
  bool closed_ = false;
  std::deque<boost::asio::steady_timer*> waiters_;
};

/// Releases a slot at scope exit.
class WalkSlot {
 public:
  explicit WalkSlot(WalkSlots* slots) : slots_(slots) {}
  WalkSlot(const WalkSlot&) = delete;
  WalkSlot& operator=(const WalkSlot&) = delete;
  ~WalkSlot() {
    if (slots_ != nullptr) slots_->release();
  }

 private:
  WalkSlots* slots_;
};

}  // namespace koubei::scheduler
