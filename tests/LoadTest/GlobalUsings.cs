global using System.Diagnostics;
global using System.Globalization;
global using Instagram.LoadTest.Cli;
global using Instagram.LoadTest.Measurement;
