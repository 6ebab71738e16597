// CHECKS: -*,statescope-*
// ARGS: -std=c++17 -I%B/tests/grpc_gen
// REQUIRES: /usr/include/grpcpp/grpcpp.h
// REQUIRES: %B/tests/grpc_gen/orders.grpc.pb.h
#include "orders.grpc.pb.h"
#include <grpcpp/generic/async_generic_service.h>
#include <grpcpp/grpcpp.h>
#include <atomic>
#include <memory>
#include <string>
#include <vector>

const std::string kUserKey = "x-user-id"; // SAFE
std::size_t g_maxItemLength = 64; // SAFE
static std::string g_lastRejectedItem; // LEAK expected-warning {{'g_lastRejectedItem' is shared by every request; the request code in 'CallData::Proceed' stores request data ('request_.item()') in it}}

// One service object is handed to every CallData.
class OrdersAsync final : public shop::Orders::AsyncService {
public:
  void noteCaller(const std::string &user) { lastCaller_ = user; } // expected-note {{stores request data ('user') in it (field 'lastCaller_') here}}
  void countCall() { ++requests_; } // expected-note {{modifies its field 'requests_' here}}
private:
  std::string lastCaller_; // LEAK expected-warning {{field 'lastCaller_' holds request data ('user') from the request code in 'CallData::Proceed', but the framework keeps one 'OrdersAsync' for every request; concurrent requests also race on 'requests_'}}
  unsigned long requests_ = 0; // a race, reported with the finding above
};

class CallData {
public:
  CallData(OrdersAsync *service, grpc::ServerCompletionQueue *cq) : service_(service), cq_(cq), responder_(&ctx_) { Proceed(); }
  void Proceed() {
    if (status_ == CREATE) {
      status_ = PROCESS;
      service_->RequestPlaceOrder(&ctx_, &request_, &responder_, cq_, cq_, this); // expected-note 2 {{the request code in 'CallData::Proceed' runs once per request}}
    } else if (status_ == PROCESS) {
      new CallData(service_, cq_);
      currentUser_ = request_.user_id();
      service_->noteCaller(currentUser_); // expected-note {{'noteCaller' is called here on the request path}}
      service_->countCall(); // expected-note {{'countCall' is called here on the request path}}
      if (request_.item().size() > g_maxItemLength)
        g_lastRejectedItem = request_.item(); // expected-note {{stores request data ('request_.item()') in it here}}
      reply_.set_order_id(currentUser_ + "-" + request_.item().substr(0, g_maxItemLength));
      status_ = FINISH;
      responder_.Finish(reply_, grpc::Status::OK, this);
    } else {
      delete this;
    }
  }
private:
  enum CallStatus { CREATE, PROCESS, FINISH };
  OrdersAsync *service_;
  grpc::ServerCompletionQueue *cq_;
  grpc::ServerContext ctx_;
  shop::OrderRequest request_;
  shop::OrderReply reply_;
  grpc::ServerAsyncResponseWriter<shop::OrderReply> responder_;
  CallStatus status_ = CREATE;
  std::string currentUser_; // SAFE
};

// A fresh interceptor per call; the factory is shared by the whole server.
class AuditInterceptor final : public grpc::experimental::Interceptor {
public:
  void Intercept(grpc::experimental::InterceptorBatchMethods *methods) override {
    if (methods->QueryInterceptionHookPoint(grpc::experimental::InterceptionHookPoints::POST_RECV_INITIAL_METADATA)) {
      auto *md = methods->GetRecvInitialMetadata();
      if (auto it = md->find(kUserKey); it != md->end())
        caller_ = std::string(it->second.data(), it->second.size());
    }
    methods->Proceed();
  }
private:
  std::string caller_; // SAFE
};
class AuditFactory final : public grpc::experimental::ServerInterceptorFactoryInterface {
public:
  grpc::experimental::Interceptor *CreateServerInterceptor(grpc::experimental::ServerRpcInfo *info) override { // expected-note {{the gRPC hook 'AuditFactory::CreateServerInterceptor' runs once per request}}
    last_ = info->method(); // expected-note {{stores request data ('info->method()') in it (field 'last_') here}}
    return new AuditInterceptor;
  }
private:
  std::string last_; // LEAK expected-warning {{field 'last_' holds request data ('info->method()') from the gRPC hook 'AuditFactory::CreateServerInterceptor', but the framework keeps one 'AuditFactory' for every request}}
};

// Installed once on the server credentials; runs for every call.
class TokenProcessor final : public grpc::AuthMetadataProcessor {
public:
  grpc::Status Process(const InputMetadata &auth_metadata, grpc::AuthContext *, // expected-note {{the gRPC hook 'TokenProcessor::Process' runs once per request}}
                       OutputMetadata *consumed, OutputMetadata *) override {
    auto it = auth_metadata.find("authorization");
    if (it == auth_metadata.end()) return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "missing token");
    lastToken_ = std::string(it->second.data(), it->second.size()); // expected-note {{stores request data ('std::string(it->second.data(), it->second.siz...') in it (field 'lastToken_') here}}
    checked_.fetch_add(1);
    consumed->insert({"authorization", lastToken_});
    return grpc::Status::OK;
  }
private:
  std::string lastToken_; // LEAK expected-warning {{field 'lastToken_' holds request data ('std::string(it->second.data(), it->second.siz...') from the gRPC hook 'TokenProcessor::Process', but the framework keeps one 'TokenProcessor' for every request}}
  std::atomic<long> checked_{0}; // SAFE
};

class ImportReactor final : public grpc::ServerGenericBidiReactor {
public:
  ImportReactor() { StartRead(&in_); }
  void OnReadDone(bool ok) override {
    if (!ok) return Finish(grpc::Status::OK);
    shop::OrderRequest req;
    if (grpc::SerializationTraits<shop::OrderRequest>::Deserialize(&in_, &req).ok())
      imported_.push_back(req.item());
    StartRead(&in_);
  }
  void OnDone() override { delete this; }
private:
  grpc::ByteBuffer in_;
  std::vector<std::string> imported_; // SAFE
};
class ImportService final : public grpc::CallbackGenericService {
  grpc::ServerGenericBidiReactor *CreateReactor(grpc::GenericCallbackServerContext *) override { return new ImportReactor; }
};

int main(int argc, char **argv) {
  g_maxItemLength = argc > 3 ? std::stoul(argv[3]) : g_maxItemLength;
  OrdersAsync service;
  ImportService importer;
  grpc::SslServerCredentialsOptions tls;
  if (argc > 2) tls.pem_key_cert_pairs.push_back({argv[1], argv[2]});
  auto creds = grpc::SslServerCredentials(tls);
  creds->SetAuthMetadataProcessor(std::make_shared<TokenProcessor>());
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<AuditFactory>());
  grpc::ServerBuilder builder;
  builder.AddListeningPort("0.0.0.0:50051", creds);
  builder.RegisterService(&service).RegisterCallbackGenericService(&importer);
  builder.experimental().SetInterceptorCreators(std::move(creators));
  std::unique_ptr<grpc::ServerCompletionQueue> cq = builder.AddCompletionQueue();
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  new CallData(&service, cq.get());
  void *tag = nullptr;
  for (bool ok = false; cq->Next(&tag, &ok);)
    static_cast<CallData *>(tag)->Proceed();
}
