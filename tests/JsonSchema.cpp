//===--- JsonSchema.cpp - a JSON Schema (draft-04) validator for tests ----===//

#include "JsonSchema.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Regex.h"

namespace statescope::test {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

class Validator {
public:
  explicit Validator(const Value &Root) : Root(Root) {}

  /// Problems of Instance against Schema, each prefixed with Where.
  void check(const Value &Schema, const Value &Instance, const std::string &Where) {
    const Object *S = Schema.getAsObject();
    if (!S) {
      report(Where, "the schema is not an object");
      return;
    }
    static const llvm::StringSet<> Annotations = {"$schema", "id",     "title",      "description",
                                                  "default", "format", "definitions"};
    for (const auto &[Key, Sub] : *S) {
      llvm::StringRef K = Key;
      if (Annotations.contains(K))
        continue;
      if (K == "$ref")
        checkRef(Sub, Instance, Where);
      else if (K == "type")
        checkType(Sub, Instance, Where);
      else if (K == "enum")
        checkEnum(Sub, Instance, Where);
      else if (K == "properties" || K == "additionalProperties" || K == "required")
        continue; // checked together below
      else if (K == "items" || K == "minItems" || K == "uniqueItems")
        continue;
      else if (K == "minimum" || K == "maximum")
        checkBound(K, Sub, Instance, Where);
      else if (K == "pattern")
        checkPattern(Sub, Instance, Where);
      else if (K == "anyOf" || K == "oneOf" || K == "allOf")
        checkCombinator(K, Sub, Instance, Where);
      else
        report(Where, "the validator does not know the keyword '" + K.str() + "'");
    }
    checkObject(*S, Instance, Where);
    checkArray(*S, Instance, Where);
  }

  std::vector<std::string> Problems;

private:
  void report(const std::string &Where, const std::string &What) {
    Problems.push_back((Where.empty() ? "(root)" : Where) + ": " + What);
  }

  void checkRef(const Value &Ref, const Value &Instance, const std::string &Where) {
    llvm::StringRef Target = Ref.getAsString().value_or("");
    if (!Target.consume_front("#/definitions/")) {
      report(Where, "unsupported $ref " + Target.str());
      return;
    }
    const Object *Definitions = Root.getAsObject()->getObject("definitions");
    const Value *Definition = Definitions ? Definitions->get(Target) : nullptr;
    if (!Definition) {
      report(Where, "no definition " + Target.str());
      return;
    }
    check(*Definition, Instance, Where);
  }

  static bool hasType(llvm::StringRef Type, const Value &V) {
    switch (V.kind()) {
    case Value::Null:
      return Type == "null";
    case Value::Boolean:
      return Type == "boolean";
    case Value::Number:
      return Type == "number" || (Type == "integer" && V.getAsInteger().has_value());
    case Value::String:
      return Type == "string";
    case Value::Array:
      return Type == "array";
    case Value::Object:
      return Type == "object";
    }
    return false;
  }

  void checkType(const Value &Type, const Value &Instance, const std::string &Where) {
    std::vector<llvm::StringRef> Types;
    if (auto One = Type.getAsString())
      Types.push_back(*One);
    else if (const Array *Many = Type.getAsArray())
      for (const Value &T : *Many)
        Types.push_back(T.getAsString().value_or(""));
    if (llvm::none_of(Types, [&](llvm::StringRef T) { return hasType(T, Instance); }))
      report(Where, "has the wrong type");
  }

  void checkEnum(const Value &Values, const Value &Instance, const std::string &Where) {
    const Array *A = Values.getAsArray();
    if (!A || llvm::none_of(*A, [&](const Value &V) { return V == Instance; }))
      report(Where, "is not one of the allowed values");
  }

  void checkBound(llvm::StringRef Which, const Value &Bound, const Value &Instance,
                  const std::string &Where) {
    std::optional<double> N = Instance.getAsNumber(), B = Bound.getAsNumber();
    if (!N || !B)
      return;
    if (Which == "minimum" ? *N < *B : *N > *B)
      report(Where, "is out of bounds (" + Which.str() + ")");
  }

  void checkPattern(const Value &Pattern, const Value &Instance, const std::string &Where) {
    std::optional<llvm::StringRef> Text = Instance.getAsString();
    if (Text && !llvm::Regex(Pattern.getAsString().value_or("")).match(*Text))
      report(Where, "does not match its pattern");
  }

  void checkCombinator(llvm::StringRef Which, const Value &Schemas, const Value &Instance,
                       const std::string &Where) {
    const Array *A = Schemas.getAsArray();
    if (!A)
      return;
    unsigned Passing = 0;
    for (const Value &Sub : *A) {
      Validator Trial(Root);
      Trial.check(Sub, Instance, Where);
      if (Which == "allOf")
        Problems.insert(Problems.end(), Trial.Problems.begin(), Trial.Problems.end());
      Passing += Trial.Problems.empty();
    }
    if ((Which == "anyOf" && Passing == 0) || (Which == "oneOf" && Passing != 1))
      report(Where,
             "matches " + std::to_string(Passing) + " of the " + Which.str() + " alternatives");
  }

  void checkObject(const Object &S, const Value &Instance, const std::string &Where) {
    const Object *O = Instance.getAsObject();
    if (!O)
      return;
    if (const Array *Required = S.getArray("required"))
      for (const Value &Name : *Required)
        if (!O->get(Name.getAsString().value_or("")))
          report(Where,
                 "lacks the required property '" + Name.getAsString().value_or("").str() + "'");
    const Object *Properties = S.getObject("properties");
    const Value *Additional = S.get("additionalProperties");
    for (const auto &[Key, V] : *O) {
      std::string Inner = Where + "." + Key.str();
      if (const Value *P = Properties ? Properties->get(Key) : nullptr)
        check(*P, V, Inner);
      else if (Additional && Additional->getAsBoolean() == false)
        report(Inner, "is not an allowed property");
      else if (Additional && Additional->getAsObject())
        check(*Additional, V, Inner);
    }
  }

  void checkArray(const Object &S, const Value &Instance, const std::string &Where) {
    const Array *A = Instance.getAsArray();
    if (!A)
      return;
    if (auto Min = S.getInteger("minItems"); Min && int64_t(A->size()) < *Min)
      report(Where, "has too few items");
    if (S.getBoolean("uniqueItems").value_or(false))
      for (size_t I = 0; I < A->size(); ++I)
        for (size_t J = I + 1; J < A->size(); ++J)
          if ((*A)[I] == (*A)[J])
            report(Where, "has duplicate items");
    if (const Value *Items = S.get("items"))
      for (size_t I = 0; I < A->size(); ++I)
        check(*Items, (*A)[I], Where + "[" + std::to_string(I) + "]");
  }

  const Value &Root;
};

} // namespace

std::vector<std::string> validateJson(const Value &Schema, const Value &Instance) {
  Validator V(Schema);
  V.check(Schema, Instance, "");
  return V.Problems;
}

} // namespace statescope::test
