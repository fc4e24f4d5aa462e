namespace EmbeddedMongo.Protocol;

/// <summary>Wire protocol message kinds.</summary>
internal enum OpCode
{
    Reply = 1,
    Update = 2001,
    Insert = 2002,
    Query = 2004,
    GetMore = 2005,
    Delete = 2006,
    KillCursors = 2007,
    Compressed = 2012,
    Msg = 2013,
}
