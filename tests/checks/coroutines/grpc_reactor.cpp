// CHECKS: -*,statescope-*
// ARGS: -std=c++20 -I%B/tests/grpc_gen
// REQUIRES: /usr/include/grpcpp/grpcpp.h
// REQUIRES: %B/tests/grpc_gen/orders.grpc.pb.h
#include "orders.grpc.pb.h"
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/grpcpp.h>
#include <string>
#include <vector>

// Each reactor callback runs on whichever gRPC thread completed the operation, and that
// thread serves other calls in between: a thread_local does not follow the call.
thread_local std::string currentUser;

struct CallContext {
  static CallContext &current() { thread_local CallContext context; return context; }
  std::string item;
};

std::string ownerLabel() { return "owner:" + currentUser; } // expected-note {{'currentUser' is read here}}

class OrdersCallbackService final : public shop::Orders::CallbackService {
  std::string lastWatcher_; // LEAK expected-warning {{field 'lastWatcher_' holds request data ('user') from the gRPC method 'WatchOrders', but the framework keeps one 'OrdersCallbackService' for every request; the request reads it back in 'OnWriteDone', a later callback of the same call}}
public:
  void setLastWatcher(const std::string &user) { lastWatcher_ = user; } // expected-note {{stores request data ('user') in it (field 'lastWatcher_') here}}
  std::string lastWatcher() const { return lastWatcher_; }

  grpc::ServerUnaryReactor *PlaceOrder(grpc::CallbackServerContext *context,
                                       const shop::OrderRequest *request,
                                       shop::OrderReply *reply) override {
    currentUser = request->user_id();
    reply->set_order_id(ownerLabel()); // SAFE
    currentUser.clear();
    auto *reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

  grpc::ServerWriteReactor<shop::OrderReply> *WatchOrders(grpc::CallbackServerContext *,
                                                          const shop::OrderRequest *request) override;
};

class WatchReactor final : public grpc::ServerWriteReactor<shop::OrderReply> {
public:
  WatchReactor(OrdersCallbackService *service, const shop::OrderRequest *request)
      : service_(service), user_(request->user_id()) {
    currentUser = request->user_id(); // expected-note {{this request sets it here}}
    CallContext::current().item = request->item(); // expected-note {{this request sets it here}}
    service_->setLastWatcher(request->user_id()); // expected-note {{'setLastWatcher' is called here on the request path}}
    reply_.set_order_id(currentUser + "-0"); // SAFE
    StartWrite(&reply_);
  }
  void OnWriteDone(bool ok) override {
    if (!ok || ++sent_ == 3)
      return Finish(grpc::Status::OK);
    std::string id = currentUser + "-" + std::to_string(sent_); // LEAK expected-warning {{thread_local 'currentUser' is read in 'OnWriteDone', a later callback of the same call, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{keep the value in the object that handles the call, or pass it explicitly (a request context object) to the code that needs it}}
    id += "/" + CallContext::current().item; // LEAK expected-warning {{thread_local 'CallContext::current()' is read in 'OnWriteDone', a later callback of the same call, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{keep the value in the object that handles the call, or pass it explicitly (a request context object) to the code that needs it}}
    id += "/" + service_->lastWatcher(); // expected-note {{read back here in 'OnWriteDone', a later callback of the same call; another request's value may be there by then}}
    id += "/" + user_; // SAFE
    reply_.set_order_id(id);
    StartWrite(&reply_);
  }
  void OnDone() override { delete this; }

private:
  OrdersCallbackService *service_;
  const std::string user_;
  shop::OrderReply reply_;
  int sent_ = 0;
};

grpc::ServerWriteReactor<shop::OrderReply> *
OrdersCallbackService::WatchOrders(grpc::CallbackServerContext *, const shop::OrderRequest *request) { // expected-note {{the gRPC method 'WatchOrders' runs once per request}}
  return new WatchReactor(this, request); // expected-note {{'WatchReactor' is called here on the request path}}
}

// Raw bidi stream: each message names a user; the reply is written back before the next read.
class EchoReactor final : public grpc::ServerGenericBidiReactor {
public:
  EchoReactor() { StartRead(&request_); }
  void OnReadDone(bool ok) override {
    if (!ok)
      return Finish(grpc::Status::OK);
    std::vector<grpc::Slice> slices;
    request_.Dump(&slices);
    currentUser.clear(); // expected-note {{this request sets it here}}
    for (const grpc::Slice &slice : slices)
      currentUser.append(reinterpret_cast<const char *>(slice.begin()), slice.size());
    grpc::Slice echoed(ownerLabel()); // SAFE
    response_ = grpc::ByteBuffer(&echoed, 1);
    StartWrite(&response_);
  }
  void OnWriteDone(bool ok) override {
    gpr_log(GPR_INFO, "echoed for %s", ownerLabel().c_str()); // LEAK expected-warning {{thread_local 'currentUser' is read in 'OnWriteDone', a later callback of the same call, but this request set it before; the thread may have run other requests since, or be another thread}} expected-note {{keep the value in the object that handles the call, or pass it explicitly (a request context object) to the code that needs it}}
    if (ok)
      StartRead(&request_);
  }
  void OnDone() override { delete this; }

private:
  grpc::ByteBuffer request_, response_;
};

class EchoService final : public grpc::CallbackGenericService {
  grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *) override {
    return new EchoReactor;
  }
};

int main() {
  OrdersCallbackService orders;
  EchoService echo;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:50051", grpc::InsecureServerCredentials());
  builder.RegisterService(&orders);
  builder.RegisterCallbackGenericService(&echo);
  builder.BuildAndStart()->Wait();
}
