using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Rewrites one predicate <c>{path: C}</c> on a migrating new field (or below it) into
/// <c>{$or: [{$and: [{new: {$exists: true}}, {path: C}]}, {$and: [{new: {$exists: false}}, C' on old]}]}</c>, which
/// matches a document exactly when <c>{path: C}</c> matches it with the new field holding <c>value(d)</c>.
/// </summary>
internal static class FieldPredicateRewriter
{
    private const string ValueVariable = "$$zdmv";

    public static BsonDocument Rewrite(string path, BsonValue condition, ActiveMigration migration)
    {
        IFieldMigration m = migration.Migration;
        string operation = OperationName(condition);
        if (m.Kind == FieldMigrationKind.Derive)
        {
            throw migration.Refuse(operation, CoalesceStage.NotExpressibleReason(m));
        }

        PathRelation relation = FieldPaths.Relate(path, m.NewPath);
        if (relation == PathRelation.Ancestor)
        {
            throw migration.Refuse(operation,
                $"the filter compares '{path}', an embedded document containing the migrating field '{m.NewPath}', whose stored shape differs from the migrated one. Filter on its fields instead.");
        }

        FilterTerm present = FilterTerm.Of(new BsonDocument(m.NewPath, new BsonDocument("$exists", true)));
        FilterTerm absent = FilterTerm.Of(new BsonDocument(m.NewPath, new BsonDocument("$exists", false)));
        FilterTerm onNew = FilterTerm.Of(new BsonDocument(path, condition));
        FilterTerm onOld;
        if (m.Kind == FieldMigrationKind.Rename)
        {
            // A rename keeps values, so the same condition on the old element is exact, including on missing values.
            onOld = FilterTerm.Of(new BsonDocument(FieldPaths.Rebase(path, m.NewPath, m.OldPath), condition));
        }
        else if (relation == PathRelation.Descendant)
        {
            throw migration.Refuse(operation,
                $"'{path}' is inside the converted field '{m.NewPath}', and a part of a converted value cannot be located in the old one. Filter on '{m.NewPath}' as a whole, or wait for SwitchRead.");
        }
        else
        {
            onOld = ConvertedOldBranch(condition, migration);
        }

        return FilterTerm.Or(FilterTerm.And(present, onNew), FilterTerm.And(absent, onOld)).ToDocument();
    }

    public static string OperationName(BsonValue condition) =>
        QueryConditions.IsOperatorDocument(condition) ? string.Join(",", condition.AsBsonDocument.Names) : "$eq";

    /// <summary>The condition on <c>forward(old)</c>: when old is missing, the value is missing too.</summary>
    private static FilterTerm ConvertedOldBranch(BsonValue condition, ActiveMigration migration)
    {
        IFieldMigration m = migration.Migration;
        FilterTerm oldMissing = FilterTerm.Of(new BsonDocument(m.OldPath, new BsonDocument("$exists", false)));
        FilterTerm oldPresent = FilterTerm.Of(new BsonDocument(m.OldPath, new BsonDocument("$exists", true)));
        FilterTerm whenMissing = MissingMatcher.Matches(condition, migration) ? oldMissing : FilterTerm.False;

        FilterTerm converted;
        if (m.ForwardExpression is not null)
        {
            BsonValue test = ExpressionPredicate.Build(condition, ValueVariable, migration);
            converted = test is BsonBoolean constant
                ? FilterTerm.Of(constant.Value)
                : FilterTerm.Of(new BsonDocument("$expr", new BsonDocument("$let", new BsonDocument
                {
                    { "vars", new BsonDocument("zdmv", ForwardExpressions.Bind(m.ForwardExpression, m.OldPath)) },
                    { "in", test },
                })));
        }
        else
        {
            converted = BackwardPredicate.Build(condition, migration);
        }

        return FilterTerm.Or(whenMissing, FilterTerm.And(oldPresent, converted));
    }
}
