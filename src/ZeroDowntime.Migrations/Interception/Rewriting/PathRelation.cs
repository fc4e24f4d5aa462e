namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>How an element path used by a query or update relates to a migrated field's path.</summary>
internal enum PathRelation
{
    /// <summary>Unrelated paths.</summary>
    None,

    /// <summary>The same path.</summary>
    Same,

    /// <summary>The path is inside the field (<c>field.x</c>).</summary>
    Descendant,

    /// <summary>The path is an embedded document that contains the field.</summary>
    Ancestor,
}
