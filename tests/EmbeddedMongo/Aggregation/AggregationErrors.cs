using EmbeddedMongo.Bson;
using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Aggregation;

/// <summary>Builds the errors of the aggregation engine with MongoDB's codes (many are "LocationNNNNN" codes).</summary>
internal static class AggregationErrors
{
    public const int ConversionFailure = 241;

    public static MongoCommandException Fail(int code, string message) => new((ErrorCode)code, message);

    /// <summary>MongoDB's type name of a value, as its error messages print it ("missing" for a missing value).</summary>
    public static string TypeName(BsonValue? value) => BsonTypeAliases.AliasOf(value);

    public static MongoCommandException WrongArity(string name, int expected, int actual) =>
        Fail(16020, $"Expression {name} takes exactly {expected} arguments. {actual} were passed in.");
}
