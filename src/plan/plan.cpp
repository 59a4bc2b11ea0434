#include "sluice/plan/plan.hpp"

#include <fmt/format.h>

#include "mutation.hpp"
#include "selection.hpp"
#include "sql.hpp"
#include "variant.hpp"

namespace sluice::plan {

namespace ast = graphql::ast;

namespace {

// Syntax trees of typical operations fit one small block; big documents grow the arena.
constexpr std::size_t kArenaFirstBlock = 4096;

}  // namespace

Plan::Plan(std::shared_ptr<const graphql::Schema> schema, std::shared_ptr<const Catalog> catalog,
           const PlanOptions& options, std::string document, std::string operation_name)
    : schema_(std::move(schema)),
      catalog_(std::move(catalog)),
      options_(options),
      source_(std::move(document)),
      operation_name_(std::move(operation_name)),
      arena_(kArenaFirstBlock) {}

Plan::~Plan() = default;

std::shared_ptr<const Plan> Plan::build(std::shared_ptr<const graphql::Schema> schema,
                                        std::shared_ptr<const Catalog> catalog,
                                        const PlanOptions& options, std::string document,
                                        std::string operation_name) noexcept {
  std::shared_ptr<Plan> plan(new Plan(std::move(schema), std::move(catalog), options,
                                      std::move(document), std::move(operation_name)));
  plan->plan();
  return plan;
}

void Plan::fail(PlanStatus status, std::vector<graphql::Error> errors) noexcept {
  status_ = status;
  errors_ = std::move(errors);
}

void Plan::plan() noexcept {
  graphql::ParseResult parsed = graphql::parse(source_, arena_, options_.parse);
  if (!parsed) return fail(PlanStatus::syntax_error, {*parsed.error});
  document_ = parsed.document;
  graphql::ValidationResult validation =
      graphql::validate(*schema_, *document_, options_.validation);
  if (!validation.valid()) return fail(PlanStatus::validation_error, std::move(validation.errors));

  // GetOperation (spec 6.1), worded as graphql-js words it.
  std::size_t operations = 0;
  for (const ast::Definition* d : document_->definitions) {
    if (d->kind != ast::DefinitionKind::operation) continue;
    const auto* op = static_cast<const ast::OperationDefinition*>(d);
    ++operations;
    if (operation_name_.empty() || op->name.value == operation_name_) operation_ = op;
  }
  if (operation_name_.empty() && operations > 1) {
    operation_ = nullptr;
    return fail(PlanStatus::planning_error,
                {{"Must provide operation name if query contains multiple operations.", {}}});
  }
  if (operation_ == nullptr) {
    return fail(
        PlanStatus::planning_error,
        {{operation_name_.empty() ? std::string("Must provide an operation.")
                                  : fmt::format("Unknown operation named \"{}\".", operation_name_),
          {}}});
  }
  if (operation_->operation == ast::OperationType::subscription) {
    return fail(PlanStatus::planning_error, {{"Subscriptions are not supported yet.",
                                              {graphql::locate(source_, operation_->loc)}}});
  }

  fragments_ = detail::index_fragments(*document_);
  directive_variables_ = detail::directive_variables(*operation_, fragments_);
  if (directive_variables_.empty()) {
    fixed_variant_ = compile_variant(graphql::CoercedVariables{});
    if (!fixed_variant_->errors.empty()) fail(PlanStatus::planning_error, fixed_variant_->errors);
  }
}

std::shared_ptr<const detail::Variant> Plan::compile_variant(
    const graphql::CoercedVariables& variables) const {
  auto variant = std::make_shared<detail::Variant>();
  detail::SelectionContext context{*schema_, *document_, fragments_, variables};
  const bool mutation = operation_->operation == ast::OperationType::mutation;
  const graphql::NamedType& root = mutation ? *schema_->mutation_type() : *schema_->query_type();
  const ast::SelectionSet* root_set = &operation_->selection_set;
  for (const detail::FieldGroup& group : detail::collect_fields(context, root, {&root_set, 1})) {
    const ast::Field& first = *group.nodes.front();
    auto error = [&](std::string message) {
      variant->errors.push_back({std::move(message), {graphql::locate(source_, first.loc)}});
    };
    detail::RootEntry entry;
    entry.field.response_name = group.response_name;
    entry.field.field_name = first.name.value;
    entry.field.parent_type = root.name;
    const graphql::SourceLocation at = graphql::locate(source_, first.loc);
    entry.field.line = at.line;
    entry.field.column = at.column;
    std::string_view name = first.name.value;
    if (name == "__typename" || name == "__schema" || name == "__type") {
      variant->roots.push_back(std::move(entry));
      continue;
    }
    const graphql::Field* definition = root.field(name);
    if (definition == nullptr) continue;  // validation rejects unknown fields
    const graphql::NamedType& item = *definition->type->named;
    const graphql::TypeRef* outer = definition->type->nullable();
    entry.definition = definition;
    entry.node = &first;
    entry.field.list = outer->is_list();
    entry.field.non_null = definition->type->is_non_null();
    entry.field.items_non_null = outer->is_list() && outer->of->is_non_null();
    std::vector<const ast::SelectionSet*> sets;
    for (const ast::Field* node : group.nodes) sets.push_back(&node->selection_set);
    // The projection of the selection on the object type `type`.
    auto program_for = [&](const graphql::NamedType& type) -> std::optional<json::Program> {
      json::ObjectSpec spec;
      std::size_t errors_before = variant->errors.size();
      detail::build_object_spec(context, type, detail::collect_fields(context, type, sets), spec,
                                variant->errors);
      if (variant->errors.size() != errors_before) return std::nullopt;
      json::CompileResult compiled = json::Program::compile(spec);
      if (!compiled.ok()) {
        error(fmt::format("Field \"{}.{}\" cannot be projected: {}", root.name, name,
                          compiled.error()));
        return std::nullopt;
      }
      return std::move(compiled).value();
    };

    switch (definition->action) {
      case graphql::FieldAction::function: {
        if (!mutation) {
          error(
              fmt::format("Field \"{}.{}\" calls the PostgreSQL function \"{}\"; @function "
                          "query fields are not supported yet.",
                          root.name, name, definition->target));
          continue;
        }
        // The schema allows a @view type, a result object type or a union of them.
        std::vector<const graphql::NamedType*> types{&item};
        if (item.kind == graphql::TypeKind::union_type) {
          types.assign(item.possible_types.begin(), item.possible_types.end());
        }
        std::vector<MutationResult::Member> members;
        for (const graphql::NamedType* type : types) {
          if (auto program = program_for(*type)) members.push_back({type, std::move(*program)});
        }
        if (members.size() != types.size()) continue;
        // A function returning plain jsonb for a @view type returns the object itself.
        bool returns_jsonb = false;
        if (catalog_ != nullptr) {
          auto it = catalog_->functions.find(definition->target);
          returns_jsonb = it != catalog_->functions.end() && it->second == "jsonb";
        }
        entry.kind = RootKind::function;
        entry.result = std::make_shared<const MutationResult>(
            item.view != nullptr && returns_jsonb ? MutationResult::Source::entity
                                                  : MutationResult::Source::response,
            std::move(members), definition->target);
        variant->roots.push_back(std::move(entry));
        continue;
      }
      case graphql::FieldAction::insert:
      case graphql::FieldAction::update:
      case graphql::FieldAction::remove:
        entry.kind = RootKind::write;  // the schema made it one object of a @view type
        break;
      case graphql::FieldAction::read:
        if (mutation) {
          error(
              fmt::format("Field \"{}.{}\" has none of @function, @insert, @update and "
                          "@delete, so it cannot be executed.",
                          root.name, name));
          continue;
        }
        if (item.kind != graphql::TypeKind::object || item.view == nullptr) {
          error(
              fmt::format("Field \"{}.{}\" returns \"{}\", which is not a @view object type; "
                          "such root fields are not supported yet.",
                          root.name, name, graphql::to_string(definition->type)));
          continue;
        }
        if (outer->is_list() && outer->of->nullable()->is_list()) {
          error(fmt::format("Field \"{}.{}\" returns nested lists, which are not supported yet.",
                            root.name, name));
          continue;
        }
        if (std::string message = detail::unsupported_argument(*definition, item);
            !message.empty()) {
          error(fmt::format("Field \"{}.{}\": {}", root.name, name, message));
          continue;
        }
        entry.kind = outer->is_list() ? RootKind::list : RootKind::single;
        break;
      case graphql::FieldAction::listen:
        continue;  // subscriptions are refused before planning
    }
    entry.view_type = &item;
    entry.program = program_for(item);
    if (entry.program) variant->roots.push_back(std::move(entry));
  }
  if (!variant->errors.empty()) variant->roots.clear();
  return variant;
}

std::shared_ptr<const detail::Variant> Plan::variant_for(
    const graphql::CoercedVariables& variables, std::vector<graphql::Error>& errors) const {
  if (fixed_variant_ != nullptr) return fixed_variant_;
  std::string key;
  for (std::string_view name : directive_variables_) {
    const graphql::CoercedValue* value = variables.find(name);
    if (value == nullptr || value->kind != graphql::CoercedValue::Kind::boolean) {
      // A nullable variable with a default may still be given null (spec 5.8.5).
      std::vector<graphql::SourceLocation> at;
      for (const ast::VariableDefinition& def : operation_->variables) {
        if (def.name.value == name) at.push_back(graphql::locate(source_, def.loc));
      }
      errors.push_back({fmt::format("Variable \"${}\" is used as a @skip or @include condition "
                                    "and must not be null.",
                                    name),
                        std::move(at)});
      return nullptr;
    }
    key += value->boolean ? '1' : '0';
  }
  {
    std::lock_guard lock(variants_mutex_);
    if (auto it = variants_.find(key); it != variants_.end()) return it->second;
  }
  std::shared_ptr<const detail::Variant> compiled = compile_variant(variables);
  std::lock_guard lock(variants_mutex_);
  if (variants_.size() >= options_.max_variants) return compiled;
  return variants_.try_emplace(std::move(key), std::move(compiled)).first->second;
}

Execution Plan::prepare(std::string_view variables_json, graphql::Arena& arena) const noexcept {
  Execution execution;
  if (!ok()) {
    execution.errors = errors_;
    return execution;
  }
  graphql::VariablesResult coerced = graphql::coerce_variables(
      *schema_, *document_, *operation_, variables_json, arena, options_.variables);
  if (!coerced.ok()) {
    execution.errors = std::move(coerced.errors);
    return execution;
  }
  execution.variables = coerced.variables;
  std::shared_ptr<const detail::Variant> variant =
      variant_for(execution.variables, execution.errors);
  if (variant == nullptr) return execution;
  if (!variant->errors.empty()) {
    execution.errors = variant->errors;
    return execution;
  }
  detail::StatementContext context{catalog_.get(), options_.max_rows,   options_.max_sql_bytes,
                                   source_,        execution.variables, arena};
  execution.transaction = operation_->operation == ast::OperationType::mutation;
  for (const detail::RootEntry& root : variant->roots) {
    RootStep step;
    step.kind = root.kind;
    step.field = root.field;
    step.program = root.program;
    step.result = root.result;
    switch (root.kind) {
      case RootKind::list:
      case RootKind::single:
        (void)detail::compile_statement(context, root, step.statement, execution.errors);
        break;
      case RootKind::function:
        detail::compile_function(context, root, step.statement);
        break;
      case RootKind::write:
        (void)detail::compile_write(context, root, step.statement, step.read_back,
                                    execution.errors);
        break;
      case RootKind::introspection:
        break;
    }
    execution.roots.push_back(std::move(step));
  }
  if (!execution.errors.empty()) execution.roots.clear();
  return execution;
}

std::size_t Plan::memory_bytes() const noexcept {
  std::size_t bytes = sizeof(Plan) + source_.size() + operation_name_.size() +
                      arena_.reserved_bytes() + fragments_.size() * 64;
  for (const graphql::Error& e : errors_) bytes += sizeof(e) + e.message.size();
  return bytes;
}

}  // namespace sluice::plan
