using MongoDB.Bson;
using static ZeroDowntime.Migrations.Interception.Rewriting.AggregationTerms;

namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>
/// Translates a query condition on a present value <c>x</c> into an aggregation expression with the query language's
/// semantics: equality also matches array elements, comparisons only match values of the operand's type bracket
/// (<c>{$gt: 5}</c> never matches a string, though <c>{$gt: ["a", 5]}</c> is true in an expression), and
/// <c>$type</c>/<c>$regex</c> look into arrays. Operators without a faithful translation are refused.
/// </summary>
internal static class ExpressionPredicate
{
    private static readonly Dictionary<int, string> TypeNames = new()
    {
        [1] = "double", [2] = "string", [3] = "object", [4] = "array", [5] = "binData", [6] = "undefined",
        [7] = "objectId", [8] = "bool", [9] = "date", [10] = "null", [11] = "regex", [12] = "dbPointer",
        [13] = "javascript", [14] = "symbol", [15] = "javascriptWithScope", [16] = "int", [17] = "timestamp",
        [18] = "long", [19] = "decimal", [-1] = "minKey", [127] = "maxKey",
    };

    public static BsonValue Build(BsonValue condition, BsonValue x, ActiveMigration migration)
    {
        if (!QueryConditions.IsOperatorDocument(condition))
        {
            return condition is BsonRegularExpression regex ? Regex(x, regex) : Equal(x, condition);
        }

        BsonDocument operators = condition.AsBsonDocument;
        var terms = new List<BsonValue>();
        foreach (BsonElement element in operators)
        {
            BsonValue v = element.Value;
            terms.Add(element.Name switch
            {
                "$eq" when v is not BsonRegularExpression => Equal(x, v),
                "$ne" when v is not BsonRegularExpression => Not(Equal(x, v)),
                "$in" when v is BsonArray list => In(x, list),
                "$nin" when v is BsonArray list => Not(In(x, list)),
                "$gt" or "$gte" or "$lt" or "$lte" => Compare(element.Name, x, v, migration),
                "$exists" => QueryConditions.IsTruthy(v),
                "$type" => Type(x, v, migration),
                "$size" when v.IsNumeric => Size(x, v),
                "$all" when v is BsonArray list => All(x, list, migration),
                "$regex" => Regex(x, QueryConditions.RegexOf(operators)),
                "$options" when operators.Contains("$regex") => true,
                "$not" when v is BsonRegularExpression regex => Not(Regex(x, regex)),
                "$not" when QueryConditions.IsOperatorDocument(v) => Not(Build(v, x, migration)),
                _ => throw migration.Refuse(element.Name,
                    $"a condition on the converted field '{migration.NewPath}' must be evaluated over the forward expression, and {element.Name} with operand {v} has no faithful translation. Query a value MongoDB can compare, or wait for SwitchRead."),
            });
        }

        return And(terms);
    }

    /// <summary>Query equality: the value equals <paramref name="v"/>, or it is an array with an element that does.</summary>
    private static BsonValue Equal(BsonValue x, BsonValue v) => Or(
        new BsonDocument("$eq", new BsonArray { x, Literal(v) }),
        new BsonDocument("$in", new BsonArray { Literal(v), ArrayOrEmpty(x) }));

    private static BsonValue In(BsonValue x, BsonArray list) =>
        Or(list.Select(v => v is BsonRegularExpression regex ? Regex(x, regex) : Equal(x, v)));

    private static BsonValue All(BsonValue x, BsonArray list, ActiveMigration migration)
    {
        if (list.Count == 0)
        {
            return false;
        }

        return And(list.Select(v => v switch
        {
            BsonRegularExpression regex => Regex(x, regex),
            _ when QueryConditions.IsOperatorDocument(v) => throw migration.Refuse("$all",
                $"$all with $elemMatch on the converted field '{migration.NewPath}' has no faithful translation."),
            _ => Equal(x, v),
        }));
    }

    private static BsonValue Compare(string op, BsonValue x, BsonValue v, ActiveMigration migration)
    {
        Func<BsonValue, BsonValue> inBracket = v.BsonType switch
        {
            _ when v.IsNumeric => IsNumber,
            BsonType.String => e => HasType(e, "string"),
            BsonType.DateTime => e => HasType(e, "date"),
            BsonType.Timestamp => e => HasType(e, "timestamp"),
            BsonType.ObjectId => e => HasType(e, "objectId"),
            BsonType.Boolean => e => HasType(e, "bool"),
            _ => throw migration.Refuse(op,
                $"comparing the converted field '{migration.NewPath}' with a {v.BsonType} has no faithful translation (only numbers, strings, dates, timestamps, object ids and booleans)."),
        };
        if (v is BsonDouble d && double.IsNaN(d.Value))
        {
            throw migration.Refuse(op, $"comparing the converted field '{migration.NewPath}' with NaN has no faithful translation.");
        }

        return ValueOrAnyElement(x, e => And(inBracket(e), new BsonDocument(op, new BsonArray { e, Literal(v) })));
    }

    private static BsonValue Type(BsonValue x, BsonValue spec, ActiveMigration migration)
    {
        var names = new BsonArray();
        foreach (BsonValue type in spec is BsonArray list ? list : [spec])
        {
            if (type.IsString && type.AsString == "number")
            {
                names.AddRange(["double", "int", "long", "decimal"]);
            }
            else if (type.IsString && TypeNames.ContainsValue(type.AsString))
            {
                names.Add(type.AsString);
            }
            else if (type.IsNumeric && TypeNames.TryGetValue(type.ToInt32(), out string? name))
            {
                names.Add(name);
            }
            else
            {
                throw migration.Refuse("$type", $"'{type}' is not a BSON type name or code.");
            }
        }

        return ValueOrAnyElement(x, e => new BsonDocument("$in", new BsonArray { new BsonDocument("$type", e), Literal(names) }));
    }

    private static BsonValue Size(BsonValue x, BsonValue n) => And(
        new BsonDocument("$isArray", x),
        new BsonDocument("$eq", new BsonArray { new BsonDocument("$size", ArrayOrEmpty(x)), Literal(n) }));

    private static BsonValue Regex(BsonValue x, BsonRegularExpression regex) => ValueOrAnyElement(x, e =>
        new BsonDocument("$cond", new BsonArray
        {
            HasType(e, "string"),
            new BsonDocument("$regexMatch", new BsonDocument { { "input", e }, { "regex", regex.Pattern }, { "options", regex.Options } }),
            false,
        }));

    /// <summary>Like <c>$isNumber</c>, which some servers and test doubles lack.</summary>
    private static BsonValue IsNumber(BsonValue e) =>
        new BsonDocument("$in", new BsonArray { new BsonDocument("$type", e), Literal(new BsonArray { "double", "int", "long", "decimal" }) });

    private static BsonDocument HasType(BsonValue e, string type) =>
        new("$eq", new BsonArray { new BsonDocument("$type", e), type });
}
