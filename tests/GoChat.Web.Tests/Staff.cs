namespace GoChat.Web.Tests;

/// <summary>Colleagues of one agency, each at their own browser; disposing closes every browser context.</summary>
public sealed class Staff(IReadOnlyList<Person> people) : IAsyncDisposable
{
    public Person First => people[0];

    public void Deconstruct(out Person first, out Person second)
    {
        first = people[0];
        second = people[1];
    }

    public void Deconstruct(out Person first, out Person second, out Person third)
    {
        (first, second) = this;
        third = people[2];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var person in people) await person.DisposeAsync();
    }
}
