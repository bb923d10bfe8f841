global using GoChat.GrainInterfaces;
global using GoChat.GrainInterfaces.Models;
global using Orleans;
