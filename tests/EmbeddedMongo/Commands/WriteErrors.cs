using EmbeddedMongo.Errors;
using MongoDB.Bson;

namespace EmbeddedMongo.Commands;

/// <summary>Runs the statements of a write command, collecting <c>writeErrors</c>; ordered writes stop at the first.</summary>
internal static class WriteErrors
{
    /// <summary>Runs <paramref name="statement"/> for each index; returns the write errors.</summary>
    public static BsonArray Run(int count, bool ordered, Action<int> statement)
    {
        var errors = new BsonArray();
        for (int i = 0; i < count; i++)
        {
            try
            {
                statement(i);
            }
            catch (MongoCommandException e)
            {
                errors.Add(Describe(i, e));
                if (ordered)
                {
                    break;
                }
            }
        }

        return errors;
    }

    public static BsonDocument Describe(int index, MongoCommandException error)
    {
        var document = new BsonDocument { { "index", index }, { "code", (int)error.Code } };
        error.AddDetailsTo(document);
        document["errmsg"] = error.Message;
        return document;
    }

    /// <summary>Adds <c>writeErrors</c> to a reply when there are any, then <c>ok: 1</c>.</summary>
    public static BsonDocument Finish(BsonDocument reply, BsonArray errors)
    {
        if (errors.Count > 0)
        {
            reply["writeErrors"] = errors;
        }

        reply["ok"] = 1.0;
        return reply;
    }
}
