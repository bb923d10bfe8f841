global using GoChat.GrainInterfaces.Models;
