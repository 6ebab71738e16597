// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%B/tests/grpc_gen
// REQUIRES: /usr/include/grpcpp/grpcpp.h
// REQUIRES: %B/tests/grpc_gen/orders.grpc.pb.h
#include "orders.grpc.pb.h"
#include <grpcpp/grpcpp.h>
#include <string>

// One service object serves every call: its fields are shared.
class OrdersService final : public shop::Orders::Service {
  grpc::Status PlaceOrder(grpc::ServerContext *context, const shop::OrderRequest *request, // expected-note {{the gRPC method 'PlaceOrder' runs once per request}}
                          shop::OrderReply *reply) override {
    lastUser_ = request->user_id(); // expected-note {{stores request data ('request->user_id()') in it (field 'lastUser_') here}}
    std::string item = request->item(); // a local: quiet
    reply->set_order_id(item + "-1");
    ++placed_; // expected-note {{modifies its field 'placed_' here}}
    return grpc::Status::OK;
  }
  std::string lastUser_; // LEAK expected-warning {{field 'lastUser_' holds request data ('request->user_id()') from the gRPC method 'PlaceOrder', but the framework keeps one 'OrdersService' for every request; concurrent requests also race on 'placed_'}}
  int placed_ = 0; // a race, reported with the finding above
};

// The callback API: also one service object, with reactors per call.
class OrdersCallbackService final : public shop::Orders::CallbackService {
  grpc::ServerUnaryReactor *PlaceOrder(grpc::CallbackServerContext *context, // expected-note {{the gRPC method 'PlaceOrder' runs once per request}}
                                       const shop::OrderRequest *request,
                                       shop::OrderReply *reply) override {
    lastItem_ = request->item(); // expected-note {{stores request data ('request->item()') in it (field 'lastItem_') here}}
    ++calls_; // expected-note {{modifies its field 'calls_' here}}
    auto *reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }
  std::string lastItem_; // LEAK expected-warning {{field 'lastItem_' holds request data ('request->item()') from the gRPC method 'PlaceOrder', but the framework keeps one 'OrdersCallbackService' for every request; concurrent requests also race on 'calls_'}}
  int calls_ = 0; // a race, reported with the finding above
};

int main() {
  OrdersService service;
  grpc::ServerBuilder builder;
  builder.RegisterService(&service);
  builder.BuildAndStart()->Wait();
}
