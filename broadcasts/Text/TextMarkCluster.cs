namespace GoChat.Broadcasts.Text;

/// <summary>One codeword byte as read from the text: which byte it is and its value.</summary>
internal readonly record struct TextMarkCluster(int Index, byte Value);
