using System.Runtime.CompilerServices;

// The receiver tests drive a queue directly (fixed consumer names, a receiver "crashing" mid-batch), which the
// public surface deliberately does not offer.
[assembly: InternalsVisibleTo("Instagram.Silo.Tests")]
