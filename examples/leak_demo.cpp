// leak_demo: two requests share one thread and one `thread_local std::string currentUser`.
// Each sets it, co_awaits a (simulated) database call, and then writes its order using it.
// While the first request is suspended the second one overwrites the value, so the first
// order is written as the wrong user. Nothing runs concurrently: ThreadSanitizer sees no race.
//
// Build and run:  clang++-19 -std=c++20 -Wall -Wextra leak_demo.cpp -o leak_demo && ./leak_demo
#include <coroutine>
#include <cstdio>
#include <deque>
#include <exception>
#include <string>
#include <thread>
#include <vector>

namespace {

// The event loop: coroutines waiting to be resumed, in order.
std::deque<std::coroutine_handle<>> readyQueue;
std::vector<std::thread::id> resumedOn;

void runLoop() {
  while (!readyQueue.empty()) {
    std::coroutine_handle<> next = readyQueue.front();
    readyQueue.pop_front();
    resumedOn.push_back(std::this_thread::get_id());
    next.resume();
  }
}

// A request coroutine: starts at once, runs until its first co_await, frees itself at the end.
struct RequestTask {
  struct promise_type {
    RequestTask get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
};

// The database call: the caller suspends and the loop resumes it after the work queued before it.
struct DbCall {
  std::string query;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> caller) { readyQueue.push_back(caller); }
  int await_resume() const noexcept { return 1; }
};

thread_local std::string currentUser;

struct Order {
  std::string customer, item, writtenAs;
};
std::vector<Order> ordersTable; // statescope: shared - the orders table, one for the server

// The bug: the thread_local is read after the suspension. (The annotation tells statescope
// this coroutine runs per request, as a framework's route registration would.)
[[clang::annotate("statescope::request_handler")]] RequestTask placeOrder(std::string customer, std::string item) {
  currentUser = customer;
  int stock = co_await DbCall{"SELECT stock FROM items WHERE name = '" + item + "'"};
  if (stock > 0)
    ordersTable.push_back({customer, item, currentUser});
}

// The fix: copy the value into a local before suspending and use only the local after it.
[[clang::annotate("statescope::request_handler")]] RequestTask placeOrderFixed(std::string customer, std::string item) {
  currentUser = customer;
  const std::string user = currentUser;
  int stock = co_await DbCall{"SELECT stock FROM items WHERE name = '" + item + "'"};
  if (stock > 0)
    ordersTable.push_back({customer, item, user});
}

int report(const char *title) {
  std::printf("%s\n", title);
  int wrong = 0;
  for (const Order &order : ordersTable) {
    bool leaked = order.writtenAs != order.customer;
    wrong += leaked;
    std::printf("  order for %s written as %s (item: %s)%s\n", order.customer.c_str(),
                order.writtenAs.c_str(), order.item.c_str(), leaked ? "  <-- another request's user" : "");
  }
  ordersTable.clear();
  return wrong;
}

} // namespace

int main() {
  placeOrder("alice", "book");
  placeOrder("bob", "pen");
  runLoop();
  int leaked = report("thread_local read after co_await:");

  placeOrderFixed("alice", "book");
  placeOrderFixed("bob", "pen");
  runLoop();
  int fixedLeaked = report("value copied into a local before co_await:");

  bool oneThread = true;
  for (std::thread::id id : resumedOn)
    oneThread = oneThread && id == std::this_thread::get_id();
  std::printf("%d of 2 orders written as the wrong user (bug), %d of 2 (fixed); %zu resumptions, "
              "all on the main thread: %s\n",
              leaked, fixedLeaked, resumedOn.size(), oneThread ? "yes" : "no");
  return 0;
}
