namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>Where a top-level element sits in a BSON document: its position among the elements and its bytes.</summary>
internal struct ElementSpan
{
    /// <summary>The position among the top-level elements; -1 when the element is absent.</summary>
    public int Index;

    /// <summary>The offset of the element's type byte.</summary>
    public int Start;

    /// <summary>The offset of the element's value (just after the name's terminator).</summary>
    public int ValueStart;

    /// <summary>The offset just after the element's value.</summary>
    public int End;

    public static ElementSpan Absent => new() { Index = -1 };

    public readonly bool IsPresent => Index >= 0;
}
