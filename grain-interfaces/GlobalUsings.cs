global using GoChat.GrainInterfaces.Models;
global using Orleans;
global using Orleans.Concurrency;
