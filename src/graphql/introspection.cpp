#include "sluice/graphql/introspection.hpp"

#include <algorithm>
#include <set>
#include <span>
#include <unordered_map>
#include <vector>

#include "sluice/json/escape.hpp"
#include "values.hpp"

namespace sluice::graphql {
namespace {

// A field's response key with every field node merged under it (spec 6.3.2 CollectFields).
struct Collected {
  std::string_view key;
  std::vector<const ast::Field*> fields;
};

// The value of a __Type: a named type, or a list / non-null wrapper of one.
struct TypeValue {
  const NamedType* named = nullptr;
  const TypeRef* wrapper = nullptr;  // list or non_null; nullptr for named types
};

class Writer {
 public:
  Writer(const Schema& schema, const ast::Document& document, const CoercedVariables& variables,
         std::string& out)
      : schema_(schema), vars_(variables), out_(out) {
    for (const ast::Definition* d : document.definitions) {
      if (d->kind == ast::DefinitionKind::fragment) {
        const auto* f = static_cast<const ast::FragmentDefinition*>(d);
        fragments_[f->name.value] = f;
      }
    }
  }

  // The root fields of `operation`, on its root type.
  std::vector<Collected> collect_root(const ast::OperationDefinition& operation) {
    switch (operation.operation) {
      case ast::OperationType::query:
        root_ = schema_.query_type();
        break;
      case ast::OperationType::mutation:
        root_ = schema_.mutation_type();
        break;
      case ast::OperationType::subscription:
        root_ = schema_.subscription_type();
        break;
    }
    std::vector<Collected> out;
    std::set<std::string_view> visited;
    collect(root_, operation.selection_set, out, visited);
    return out;
  }

  static bool is_meta(const Collected& c) {
    std::string_view name = c.fields.front()->name.value;
    return name == "__schema" || name == "__type" || name == "__typename";
  }

  void write_root(const std::vector<Collected>& root) {
    out_ += '{';
    bool first = true;
    for (const Collected& c : root) {
      if (!is_meta(c)) continue;
      if (!first) out_ += ',';
      first = false;
      key(c.key);
      std::string_view name = c.fields.front()->name.value;
      if (name == "__typename") {
        string(root_->name);
      } else if (name == "__schema") {
        write_schema(sub(lookup("__Schema"), c));
      } else {
        const ast::Value* arg = argument(*c.fields.front(), "name");
        const NamedType* t = nullptr;
        if (arg != nullptr) {
          CoercedValue v;
          if (coerce_literal(arg, schema_.type_field()->arguments[0].type, vars_, arena_, v)) {
            t = schema_.type(v.text);
          }
        }
        if (t == nullptr) {
          out_ += "null";
        } else {
          write_type(TypeValue{t, nullptr}, sub(lookup("__Type"), c));
        }
      }
    }
    out_ += '}';
  }

 private:
  const NamedType* lookup(std::string_view name) const { return schema_.type(name); }

  // ---- field collection

  bool included(std::span<const ast::Directive> directives) {
    for (const ast::Directive& d : directives) {
      bool skip = d.name.value == "skip";
      if (!skip && d.name.value != "include") continue;
      for (const ast::Argument& a : d.arguments) {
        if (a.name.value != "if") continue;
        CoercedValue v;
        const TypeRef* boolean = schema_.directive(d.name.value)->arguments[0].type;
        if (coerce_literal(a.value, boolean, vars_, arena_, v) && v.boolean == skip) return false;
      }
    }
    return true;
  }

  bool applies(const ast::Name& condition, const NamedType* type) const {
    if (condition.empty()) return true;
    const NamedType* t = schema_.type(condition.value);
    return t == type || (t != nullptr && t->is_abstract() && t->is_possible_type(type));
  }

  void collect(const NamedType* type, const ast::SelectionSet& set, std::vector<Collected>& out,
               std::set<std::string_view>& visited) {
    for (const ast::Selection* s : set.selections) {
      if (!included(s->directives)) continue;
      switch (s->kind) {
        case ast::SelectionKind::field: {
          const auto* f = static_cast<const ast::Field*>(s);
          auto it = std::find_if(out.begin(), out.end(),
                                 [&](const Collected& c) { return c.key == f->response_name(); });
          if (it == out.end()) {
            out.push_back(Collected{f->response_name(), {f}});
          } else {
            it->fields.push_back(f);
          }
          break;
        }
        case ast::SelectionKind::inline_fragment: {
          const auto* inl = static_cast<const ast::InlineFragment*>(s);
          if (applies(inl->type_condition, type)) collect(type, inl->selection_set, out, visited);
          break;
        }
        case ast::SelectionKind::fragment_spread: {
          const auto* spread = static_cast<const ast::FragmentSpread*>(s);
          if (!visited.insert(spread->name.value).second) break;
          auto it = fragments_.find(spread->name.value);
          if (it == fragments_.end() || !applies(it->second->type_condition, type)) break;
          collect(type, it->second->selection_set, out, visited);
          break;
        }
      }
    }
  }

  // The fields selected on an object of `type` under the merged field `c`.
  std::vector<Collected> sub(const NamedType* type, const Collected& c) {
    std::vector<Collected> out;
    std::set<std::string_view> visited;
    for (const ast::Field* f : c.fields) collect(type, f->selection_set, out, visited);
    return out;
  }

  static const ast::Value* argument(const ast::Field& f, std::string_view name) {
    for (const ast::Argument& a : f.arguments) {
      if (a.name.value == name) return a.value;
    }
    return nullptr;
  }

  bool include_deprecated(const Collected& c) {
    const ast::Value* arg = argument(*c.fields.front(), "includeDeprecated");
    if (arg == nullptr) return false;
    CoercedValue v;
    const TypeRef* boolean = schema_.directive("skip")->arguments[0].type->of;
    return coerce_literal(arg, boolean, vars_, arena_, v) &&
           v.kind == CoercedValue::Kind::boolean && v.boolean;
  }

  // ---- JSON

  void key(std::string_view k) {
    json::append_json_string(out_, k);
    out_ += ':';
  }
  void string(std::string_view s) { json::append_json_string(out_, s); }
  void null() { out_ += "null"; }
  void boolean(bool b) { out_ += b ? "true" : "false"; }
  void description(const Description& d) {
    if (d.present) {
      string(d.text);
    } else {
      null();
    }
  }
  void deprecation(std::string_view field, const Deprecation& d) {
    if (field == "isDeprecated") {
      boolean(d.deprecated);
    } else if (d.deprecated) {
      string(d.reason);
    } else {
      null();
    }
  }

  template <class Item, class WriteItem>
  void list(std::span<const Item> items, const WriteItem& write_item) {
    out_ += '[';
    bool first = true;
    for (const Item& item : items) {
      if (!first) out_ += ',';
      first = false;
      write_item(item);
    }
    out_ += ']';
  }

  // Writes `{...}` for an object of `type_name`, calling `field` for each selected field name.
  template <class WriteField>
  void object(std::string_view type_name, const std::vector<Collected>& selected,
              const WriteField& field) {
    out_ += '{';
    bool first = true;
    for (const Collected& c : selected) {
      if (!first) out_ += ',';
      first = false;
      key(c.key);
      std::string_view name = c.fields.front()->name.value;
      if (name == "__typename") {
        string(type_name);
      } else {
        field(name, c);
      }
    }
    out_ += '}';
  }

  // ---- the introspection types

  void write_schema(const std::vector<Collected>& selected) {
    object("__Schema", selected, [&](std::string_view name, const Collected& c) {
      if (name == "description") {
        description(schema_.description());
      } else if (name == "types") {
        auto fields = sub(lookup("__Type"), c);
        list(schema_.types(), [&](const NamedType* t) {
          write_type(TypeValue{t, nullptr}, fields);
        });
      } else if (name == "queryType" || name == "mutationType" || name == "subscriptionType") {
        const NamedType* t = name == "queryType"      ? schema_.query_type()
                             : name == "mutationType" ? schema_.mutation_type()
                                                      : schema_.subscription_type();
        if (t == nullptr) {
          null();
        } else {
          write_type(TypeValue{t, nullptr}, sub(lookup("__Type"), c));
        }
      } else if (name == "directives") {
        auto fields = sub(lookup("__Directive"), c);
        list(schema_.directives(),
             [&](const DirectiveDefinition* d) { write_directive(*d, fields); });
      } else {
        null();
      }
    });
  }

  static std::string_view kind_name(TypeKind kind) {
    switch (kind) {
      case TypeKind::scalar:
        return "SCALAR";
      case TypeKind::object:
        return "OBJECT";
      case TypeKind::interface:
        return "INTERFACE";
      case TypeKind::union_type:
        return "UNION";
      case TypeKind::enum_type:
        return "ENUM";
      case TypeKind::input_object:
        return "INPUT_OBJECT";
    }
    return "SCALAR";
  }

  void write_type_ref(const TypeRef* ref, const Collected& c) {
    auto fields = sub(lookup("__Type"), c);
    write_type(ref->kind == TypeRef::Kind::named ? TypeValue{ref->named, nullptr}
                                                 : TypeValue{ref->named, ref},
               fields);
  }

  template <class Item>
  std::vector<const Item*> visible(std::span<const Item> items, bool with_deprecated) {
    std::vector<const Item*> out;
    for (const Item& i : items) {
      if (with_deprecated || !i.deprecation.deprecated) out.push_back(&i);
    }
    return out;
  }

  void write_type(TypeValue t, const std::vector<Collected>& selected) {
    const NamedType* n = t.wrapper == nullptr ? t.named : nullptr;
    object("__Type", selected, [&](std::string_view name, const Collected& c) {
      if (name == "kind") {
        string(t.wrapper == nullptr   ? kind_name(t.named->kind)
               : t.wrapper->is_list() ? std::string_view("LIST")
                                      : std::string_view("NON_NULL"));
      } else if (name == "name") {
        n != nullptr ? string(n->name) : null();
      } else if (name == "description") {
        n != nullptr ? description(n->description) : null();
      } else if (name == "specifiedByURL") {
        if (n != nullptr && n->kind == TypeKind::scalar && !n->specified_by_url.empty()) {
          string(n->specified_by_url);
        } else {
          null();
        }
      } else if (name == "fields") {
        if (n == nullptr || (n->kind != TypeKind::object && n->kind != TypeKind::interface))
          return null();
        auto fields = sub(lookup("__Field"), c);
        auto items = visible(n->fields, include_deprecated(c));
        list(std::span<const Field* const>(items),
             [&](const Field* f) { write_field(*f, fields); });
      } else if (name == "interfaces") {
        if (n == nullptr || (n->kind != TypeKind::object && n->kind != TypeKind::interface))
          return null();
        auto fields = sub(lookup("__Type"), c);
        list(n->interfaces, [&](const NamedType* i) { write_type(TypeValue{i, nullptr}, fields); });
      } else if (name == "possibleTypes") {
        if (n == nullptr || !n->is_abstract()) return null();
        auto fields = sub(lookup("__Type"), c);
        list(n->possible_types, [&](const NamedType* p) {
          write_type(TypeValue{p, nullptr}, fields);
        });
      } else if (name == "enumValues") {
        if (n == nullptr || n->kind != TypeKind::enum_type) return null();
        auto fields = sub(lookup("__EnumValue"), c);
        auto items = visible(n->values, include_deprecated(c));
        list(std::span<const EnumValue* const>(items),
             [&](const EnumValue* v) { write_enum_value(*v, fields); });
      } else if (name == "inputFields") {
        if (n == nullptr || n->kind != TypeKind::input_object) return null();
        auto fields = sub(lookup("__InputValue"), c);
        auto items = visible(n->input_fields, include_deprecated(c));
        list(std::span<const InputValue* const>(items),
             [&](const InputValue* v) { write_input_value(*v, fields); });
      } else if (name == "ofType") {
        t.wrapper != nullptr ? write_type_ref(t.wrapper->of, c) : null();
      } else if (name == "isOneOf") {
        n != nullptr && n->kind == TypeKind::input_object ? boolean(n->one_of) : null();
      } else {
        null();
      }
    });
  }

  void write_field(const Field& f, const std::vector<Collected>& selected) {
    object("__Field", selected, [&](std::string_view name, const Collected& c) {
      if (name == "name") {
        string(f.name);
      } else if (name == "description") {
        description(f.description);
      } else if (name == "args") {
        auto fields = sub(lookup("__InputValue"), c);
        auto items = visible(f.arguments, include_deprecated(c));
        list(std::span<const InputValue* const>(items),
             [&](const InputValue* v) { write_input_value(*v, fields); });
      } else if (name == "type") {
        write_type_ref(f.type, c);
      } else {
        deprecation(name, f.deprecation);
      }
    });
  }

  void write_input_value(const InputValue& v, const std::vector<Collected>& selected) {
    object("__InputValue", selected, [&](std::string_view name, const Collected& c) {
      if (name == "name") {
        string(v.name);
      } else if (name == "description") {
        description(v.description);
      } else if (name == "type") {
        write_type_ref(v.type, c);
      } else if (name == "defaultValue") {
        if (v.default_value == nullptr) return null();
        std::string printed;
        detail::print_canonical(v.default_value, v.type, printed);
        string(printed);
      } else {
        deprecation(name, v.deprecation);
      }
    });
  }

  void write_enum_value(const EnumValue& v, const std::vector<Collected>& selected) {
    object("__EnumValue", selected, [&](std::string_view name, const Collected&) {
      if (name == "name") {
        string(v.name);
      } else if (name == "description") {
        description(v.description);
      } else {
        deprecation(name, v.deprecation);
      }
    });
  }

  void write_directive(const DirectiveDefinition& d, const std::vector<Collected>& selected) {
    object("__Directive", selected, [&](std::string_view name, const Collected& c) {
      if (name == "name") {
        string(d.name);
      } else if (name == "description") {
        description(d.description);
      } else if (name == "isRepeatable") {
        boolean(d.repeatable);
      } else if (name == "locations") {
        list(d.locations, [&](DirectiveLocation l) { string(to_string(l)); });
      } else if (name == "args") {
        auto fields = sub(lookup("__InputValue"), c);
        auto items = visible(d.arguments, include_deprecated(c));
        list(std::span<const InputValue* const>(items),
             [&](const InputValue* v) { write_input_value(*v, fields); });
      } else {
        null();
      }
    });
  }

  const Schema& schema_;
  const NamedType* root_ = nullptr;  // the operation's root type
  const CoercedVariables& vars_;
  std::string& out_;
  std::unordered_map<std::string_view, const ast::FragmentDefinition*> fragments_;
  Arena arena_{256};
};

}  // namespace

bool introspection_only(const Schema& schema, const ast::Document& document,
                        const ast::OperationDefinition& operation,
                        const CoercedVariables& variables) {
  if (operation.operation != ast::OperationType::query) return false;
  std::string unused;
  Writer writer(schema, document, variables, unused);
  auto root = writer.collect_root(operation);
  return std::all_of(root.begin(), root.end(),
                     [](const Collected& c) { return Writer::is_meta(c); });
}

void write_introspection_data(const Schema& schema, const ast::Document& document,
                              const ast::OperationDefinition& operation,
                              const CoercedVariables& variables, std::string& out) {
  Writer writer(schema, document, variables, out);
  writer.write_root(writer.collect_root(operation));
}

}  // namespace sluice::graphql
