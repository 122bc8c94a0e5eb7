using Instagram.LoadTest;

return await LoadTestRunner.RunAsync(args);
